import { describe, expect, it } from 'vitest';
import { analyzeMap, findLoops } from '../../../shared/analysis/index';
import { applyNative, parseNative } from '../../../shared/interop/native';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { testContext } from '../../../shared/domain/test-context';
import { schoolReadinessExample } from '../../../shared/examples/school-readiness';
import type { MapSnapshot } from '../../../shared/schema/types';
import { conn, el, snap } from '../../editor/test-fixtures';
import {
  changeAffectsAnalysis,
  InputAssembler,
  ReplyAssembler,
  requestMessages,
  toAnalysisInput,
} from './analysis-input';

function exampleSnapshot(): MapSnapshot {
  const parsed = parseNative(schoolReadinessExample);
  if (!parsed.ok) throw new Error('the example map does not parse');
  const ctx = testContext();
  applyNative(ctx, parsed.file);
  return readSnapshot(ctx.doc);
}

describe('the analysis worker input', () => {
  it('gives the same analysis as the full snapshot, without positions or custom fields', () => {
    const s = exampleSnapshot();
    const input = toAnalysisInput(s);
    expect(input.elements.every((e) => e.position[0] === 0 && e.description === '')).toBe(true);
    expect(input.elements.some((e) => e.kind === 'note' || e.kind === 'group')).toBe(false);
    // structuredClone is what postMessage does: the input crosses unchanged.
    const cloned = structuredClone(input);
    const strip = (r: ReturnType<typeof analyzeMap>) => ({ ...r, elapsedMs: 0, timings: {} });
    const a = strip(analyzeMap(cloned));
    const b = strip(analyzeMap(s));
    expect(a.system.loops.loops).toEqual(b.system.loops.loops);
    expect(a.system.leverage).toEqual(b.system.leverage);
    expect(a.network.actors).toEqual(b.network.actors);
    expect(a.network.weaving).toEqual(b.network.weaving);
    expect(findLoops(cloned).loops.length).toBeGreaterThan(0);
  });

  it('wakes the analysis for edits that change it, not for moves or colours', () => {
    // Like SnapshotTracker: a snapshot keeps the loops map it had unless loop notes changed.
    const base = snap([]).loops;
    const snap2 = (...args: Parameters<typeof snap>) => ({ ...snap(...args), loops: base });
    const before = snap2([el('a', 0, 0), el('b', 100, 0)], [conn('ab', 'a', 'b')]);
    const moved = snap2(
      [el('a', 50, 50, { color: '#ff0000' }), el('b', 100, 0)],
      [conn('ab', 'a', 'b')],
    );
    expect(changeAffectsAnalysis(before, moved, ['a'], [])).toBe(false);
    const relabelled = snap2(
      [el('a', 0, 0, { label: 'Trust' }), el('b', 100, 0)],
      [conn('ab', 'a', 'b')],
    );
    expect(changeAffectsAnalysis(before, relabelled, ['a'], [])).toBe(true);
    const flipped = snap2(
      [el('a', 0, 0), el('b', 100, 0)],
      [conn('ab', 'a', 'b', { polarity: '-' })],
    );
    expect(changeAffectsAnalysis(before, flipped, [], ['ab'])).toBe(true);
    const gone = snap2([el('a', 0, 0)]);
    expect(changeAffectsAnalysis(before, gone, ['b'], [])).toBe(true);
    const named = { ...before, loops: new Map(base) };
    expect(changeAffectsAnalysis(before, named, [], [])).toBe(true);
  });

  it('arrives in chunks that the worker puts back together, newest run only', () => {
    const s = exampleSnapshot();
    const messages = [...requestMessages(s, 7, {}, 5)];
    expect(messages[0]).toEqual({ type: 'begin', seq: 7 });
    expect(messages.at(-1)?.type).toBe('run');
    expect(
      messages.every((m) => m.type === 'begin' || m.type === 'run' || m.records.length <= 5),
    ).toBe(true);
    const worker = new InputAssembler();
    // An older run's chunks, interleaved, change nothing.
    const older = [...requestMessages(s, 6, {}, 5)];
    let input = null;
    worker.add(older[0]!);
    for (const m of structuredClone(messages)) {
      worker.add(older[1]!);
      input = worker.add(m) ?? input;
    }
    expect(input).toEqual(toAnalysisInput(s));
    expect(worker.add(older.at(-1)!)).toBeNull();
  });

  it('puts a reply back together from its actor chunks, dropping an older run’s chunks', () => {
    const full = analyzeMap(exampleSnapshot());
    const actors = full.network.actors;
    const rest = { ...full, network: { ...full.network, actors: [] } };
    const page = new ReplyAssembler();
    expect(page.add({ type: 'actors', seq: 1, actors: actors.slice(0, 2) })).toBeNull();
    expect(page.add({ type: 'actors', seq: 2, actors: actors.slice(0, 3) })).toBeNull();
    expect(page.add({ type: 'actors', seq: 2, actors: actors.slice(3) })).toBeNull();
    const reply = page.add({ type: 'result', seq: 2, result: rest, orders: {} });
    expect(reply?.type === 'result' && reply.result.network.actors).toEqual(actors);
    expect(page.add({ type: 'error', seq: 3, message: 'x' })).toEqual({
      type: 'error',
      seq: 3,
      message: 'x',
    });
  });
});
