import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { initPresence, throttledPresence } from '../../platform/presence';

/**
 * Awareness traffic stays bounded: cursors and viewports reach the network at most 5 times a
 * second a person, and every presence write in the canvas goes through the throttle.
 */

const user = { id: 'u1', name: 'Ana', color: '#e6194b' };

describe('throttled presence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a pointer moving at 60 Hz at most 5 times a second, ending where it stopped', () => {
    const awareness = new Awareness(new Y.Doc());
    initPresence(awareness, user);
    const presence = throttledPresence(awareness, 5);
    let updates = 0;
    awareness.on('update', () => updates++);
    // Three seconds of a pointer moving every 16 ms.
    for (let t = 0; t < 3000; t += 16) {
      presence.set({ cursor: { x: t, y: t / 2 } });
      vi.advanceTimersByTime(16);
    }
    vi.advanceTimersByTime(500);
    expect(updates).toBeGreaterThanOrEqual(13);
    expect(updates).toBeLessThanOrEqual(16); // 5 a second, plus the first one at once
    const last = awareness.getLocalState() as { cursor: { x: number; y: number } };
    expect(last.cursor).toEqual({ x: 2992, y: 1496 });
    presence.dispose();
    awareness.destroy();
  });

  it('counts any window of one second: never more than 5 sends after the first', () => {
    const awareness = new Awareness(new Y.Doc());
    initPresence(awareness, user);
    const presence = throttledPresence(awareness, 5);
    const sentAt: number[] = [];
    awareness.on('update', () => sentAt.push(Date.now()));
    for (let t = 0; t < 5000; t += 7) {
      presence.set({ viewport: { x: t, y: 0, k: 1 } });
      vi.advanceTimersByTime(7);
    }
    for (let i = 0; i < sentAt.length; i++) {
      const inWindow = sentAt.filter((s) => s >= sentAt[i]! && s < sentAt[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(5);
    }
    presence.dispose();
    awareness.destroy();
  });

  it('sends a discrete change (a selection) at once when asked to', () => {
    const awareness = new Awareness(new Y.Doc());
    initPresence(awareness, user);
    const presence = throttledPresence(awareness, 5);
    presence.set({ cursor: { x: 1, y: 1 } });
    presence.set({ selection: ['a'] }, true);
    expect((awareness.getLocalState() as { selection: string[] }).selection).toEqual(['a']);
    presence.dispose();
    awareness.destroy();
  });
});

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

describe('every presence write goes through the throttle', () => {
  const root = resolve(import.meta.dirname, '..', '..');
  const files = sources(root);

  it('only canvas/platform/presence.ts sets awareness state', () => {
    // The browser's code, that is: the Node host and its test clients (canvas/server) are not.
    const writers = files
      .filter((f) => !relative(root, f).startsWith('server/'))
      .filter((f) => /\.setLocalState(Field)?\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(writers).toEqual(['platform/presence.ts']);
  });

  it('the map session shares presence only through the 5-a-second throttle', () => {
    const text = readFileSync(join(root, 'platform', 'map-session.svelte.ts'), 'utf8');
    expect(text).toMatch(/throttledPresence\(connection\.awareness, 5\)/);
    expect(text).not.toMatch(/awareness\.setLocalState/);
  });

  it('cursor and viewport moves are throttled (never sent immediately)', () => {
    const editor = readFileSync(join(root, 'workbench', 'MapEditor.svelte'), 'utf8');
    const calls = [
      ...editor.matchAll(/setPresence\(\{\s*(cursor|viewport)[\s\S]*?\}\s*(,\s*true)?\)/g),
    ];
    expect(calls.map((c) => c[1]).sort()).toEqual(['cursor', 'cursor', 'viewport']);
    for (const c of calls) expect(c[2]).toBeUndefined();
  });
});
