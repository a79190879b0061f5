import { fakeBrowser } from './testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateClip, type Clip } from '../../shared/clip/clip';
import { DEFAULT_BACKOFF } from './backoff';
import type { SendOutcome } from './host-api';
import { Outbox, OutboxFullError, type OutboxEntry, type OutboxOptions } from './outbox';
import { outboxItem } from './store';

let serial = 0;
function clip(title = 'A page'): Clip {
  serial += 1;
  const r = validateClip({
    clipId: `outbox-test-clip-${serial}`.padEnd(24, '0'),
    kind: 'page',
    url: `https://example.org/${serial}`,
    metadata: { title },
    clippedBy: 'Ana',
    clippedAt: 1_700_000_000_000,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.clip;
}

const delivered: SendOutcome = { kind: 'delivered', status: 201, sourceId: 's1', created: true };
const offline: SendOutcome = { kind: 'retry', reason: 'Cannot reach the host.' };

/** A host stand-in that answers from a script and records what it was sent. */
function scriptedSend(answers: SendOutcome[]) {
  const sent: string[] = [];
  const send = async (entry: OutboxEntry): Promise<SendOutcome> => {
    sent.push(entry.clip.clipId);
    return answers.shift() ?? delivered;
  };
  return { sent, send };
}

let clock = 1_000_000;
function outbox(send: OutboxOptions['send'], extra: Partial<OutboxOptions> = {}): Outbox {
  return new Outbox({ store: outboxItem, send, now: () => clock, random: () => 0.5, ...extra });
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_000_000;
});

describe('Outbox', () => {
  it('keeps a clip in extension storage until the host stores it', async () => {
    const host = scriptedSend([delivered]);
    const box = outbox(host.send);
    const c = clip();
    await box.enqueue(c, 'map-1');
    const stored = (await fakeBrowser.storage.local.get('outbox')).outbox as OutboxEntry[];
    expect(stored.map((e) => [e.clip.clipId, e.state, e.mapKey])).toEqual([
      [c.clipId, 'pending', 'map-1'],
    ]);
    expect(await box.flush()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(host.sent).toEqual([c.clipId]);
    expect(await box.list()).toEqual([]);
  });

  it('adds a clip id once, however often it is enqueued', async () => {
    const box = outbox(scriptedSend([]).send);
    const c = clip();
    await Promise.all([box.enqueue(c, 'm'), box.enqueue(c, 'm'), box.enqueue(c, 'm')]);
    expect(await box.list()).toHaveLength(1);
  });

  it('retries a network failure after a jittered, growing, capped backoff', async () => {
    const host = scriptedSend([offline, offline, offline]);
    const random = [0, 0.999, 0.5];
    const box = outbox(host.send, { random: () => random.shift() ?? 0 });
    const c = clip();
    await box.enqueue(c, 'm');

    await box.flush();
    let [e] = await box.list();
    expect(e).toMatchObject({ state: 'pending', attempts: 1, lastError: 'Cannot reach the host.' });
    // Attempt 1: half of 2 s fixed, half random (random 0): 1 s.
    expect(e!.nextAttemptAt - clock).toBe(1_000);

    // Not due yet: nothing is sent.
    clock += 999;
    await box.flush();
    expect(host.sent).toHaveLength(1);

    clock += 1;
    await box.flush();
    [e] = await box.list();
    expect(e!.attempts).toBe(2);
    // Attempt 2: 4 s before jitter; random 0.999 gives nearly all of it.
    expect(e!.nextAttemptAt - clock).toBe(3_998);

    clock = e!.nextAttemptAt;
    await box.flush();
    [e] = await box.list();
    expect(e!.nextAttemptAt - clock).toBe(6_000);

    clock = e!.nextAttemptAt;
    await box.flush();
    expect(await box.list()).toEqual([]);
    // The same clip id every time: the host can recognise a repeat.
    expect(new Set(host.sent)).toEqual(new Set([c.clipId]));
    expect(host.sent).toHaveLength(4);
  });

  it('never waits longer than the cap, and honours Retry-After', async () => {
    const answers: SendOutcome[] = Array.from({ length: 20 }, () => offline);
    answers.push({ kind: 'retry', reason: 'The host is shutting down.', retryAfterMs: 120_000 });
    const host = scriptedSend(answers);
    const box = outbox(host.send, { random: () => 0.999 });
    await box.enqueue(clip(), 'm');
    let last = 0;
    for (let i = 0; i < 20; i++) {
      await box.flush({ all: true });
      const [e] = await box.list();
      last = e!.nextAttemptAt - clock;
      expect(last).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
    }
    expect(last).toBeGreaterThan(DEFAULT_BACKOFF.capMs * 0.99);

    const fresh = outbox(scriptedSend([answers.at(-1)!]).send, { random: () => 0 });
    await fresh.retry((await fresh.list())[0]!.clip.clipId);
    await fresh.flush();
    const [e] = await fresh.list();
    expect(e!.nextAttemptAt - clock).toBe(120_000);
  });

  it('keeps a refused clip as failed with the host’s reason, until it is fixed or discarded', async () => {
    const refusal: SendOutcome = {
      kind: 'refused',
      status: 400,
      reason: 'metadata.title: metadata.title is too long.',
      errors: [{ field: 'metadata.title', message: 'metadata.title is too long.' }],
    };
    const host = scriptedSend([refusal, delivered]);
    const box = outbox(host.send);
    const c = clip('x'.repeat(10));
    const other = clip();
    await box.enqueue(c, 'm');
    await box.enqueue(other, 'm');
    expect(await box.flush()).toEqual({ delivered: 1, retrying: 0, failed: 1 });
    const [failed] = await box.list();
    expect(failed).toMatchObject({
      state: 'failed',
      lastStatus: 400,
      lastError: 'metadata.title: metadata.title is too long.',
      fieldErrors: [{ field: 'metadata.title', message: 'metadata.title is too long.' }],
    });

    // A failed clip is not sent again by itself.
    clock += 60 * 60_000;
    await box.flush({ all: true });
    expect(host.sent).toEqual([c.clipId, other.clipId]);

    // Fixed: the corrected clip (same id) goes out and leaves.
    const corrected: Clip = { ...c, metadata: { ...c.metadata, title: 'Short' } };
    await expect(
      box.retry(c.clipId, { ...corrected, clipId: 'another-id-0000000000' }),
    ).rejects.toThrow(/keeps its clip id/);
    expect(await box.retry(c.clipId, corrected)).toBe(true);
    const waiting = await box.get(c.clipId);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 0 });
    expect(waiting?.lastError).toBeUndefined();
    await box.flush();
    expect(await box.list()).toEqual([]);

    // Discarding removes a failed clip for good.
    const host2 = scriptedSend([refusal]);
    const box2 = outbox(host2.send);
    const d = clip();
    await box2.enqueue(d, 'm');
    await box2.flush();
    expect(await box2.discard(d.clipId)).toBe(true);
    expect(await box2.list()).toEqual([]);
  });

  it('resumes after a restart: a new outbox over the same storage delivers what was left', async () => {
    const first = outbox(scriptedSend([offline]).send);
    const c = clip();
    await first.enqueue(c, 'm');
    await first.flush();
    expect((await first.list())[0]?.state).toBe('pending');

    // The browser closes; a new service worker starts with a new Outbox on the same storage.
    const host = scriptedSend([delivered]);
    const second = outbox(host.send);
    expect(await second.nextDueAt()).toBeGreaterThan(clock);
    expect(await second.flush({ all: true })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(host.sent).toEqual([c.clipId]);
    expect(await fakeBrowser.storage.local.get('outbox')).toEqual({ outbox: [] });
  });

  it('re-sends, with the same clip id, a clip whose answer was lost when the worker stopped', async () => {
    // The host's side of idempotency: a clip id it has seen is answered, not written again.
    const stored = new Map<string, number>();
    const host = async (entry: OutboxEntry): Promise<SendOutcome> => {
      const seen = stored.has(entry.clip.clipId);
      stored.set(entry.clip.clipId, (stored.get(entry.clip.clipId) ?? 0) + (seen ? 0 : 1));
      return { kind: 'delivered', status: seen ? 200 : 201, sourceId: 's', created: !seen };
    };
    const c = clip();
    const dying = outbox(async (entry) => {
      await host(entry);
      return new Promise<SendOutcome>(() => {}); // the worker stops before the answer is read
    });
    await dying.enqueue(c, 'm');
    void dying.flush();
    await expect.poll(() => stored.size).toBe(1);

    const next = outbox(host);
    expect(await next.flush({ all: true })).toMatchObject({ delivered: 1 });
    expect([...stored.values()]).toEqual([1]);
    expect(await next.list()).toEqual([]);
  });

  it('sends each clip once when flushes overlap, including clips added meanwhile', async () => {
    const sent: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const box = outbox(async (entry) => {
      sent.push(entry.clip.clipId);
      await gate;
      return delivered;
    });
    const a = clip();
    const b = clip();
    await box.enqueue(a, 'm');
    const one = box.flush();
    const two = box.flush();
    await box.enqueue(b, 'm');
    const three = box.flush();
    release();
    await Promise.all([one, two, three]);
    expect(sent.sort()).toEqual([a.clipId, b.clipId].sort());
    expect(await box.list()).toEqual([]);
  });

  it('treats a send that throws as a retry, and refuses new clips when full', async () => {
    const box = outbox(
      async () => {
        throw new Error('No map is connected for this clip.');
      },
      { maxEntries: 1 },
    );
    await box.enqueue(clip(), 'm');
    await box.flush();
    expect((await box.list())[0]).toMatchObject({
      state: 'pending',
      lastError: 'No map is connected for this clip.',
    });
    await expect(box.enqueue(clip(), 'm')).rejects.toBeInstanceOf(OutboxFullError);
  });

  it('reports every change (for the badge and the wake-up alarm)', async () => {
    const seen: number[] = [];
    const box = outbox(scriptedSend([offline]).send, {
      onChange: (entries) => seen.push(entries.length),
    });
    await box.enqueue(clip(), 'm');
    await box.flush();
    expect(seen).toEqual([1, 1]);
  });
});
