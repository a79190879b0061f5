import { describe, expect, it } from 'vitest';
import type { AnalysisProgress, MapAnalysis } from './analyze-map';
import { analyzeMap, analyzeMapOn } from './analyze-map';
import { localPathThread } from './fixtures/local-path-thread';
import { PathThreadClient } from './path-threads';
import { randomActorMap, randomCausalMap } from './random-maps';

const strip = (r: MapAnalysis) => ({
  ...r,
  elapsedMs: 0,
  timings: {},
  pathThreads: 0,
  system: { ...r.system, loops: { ...r.system.loops, elapsedMs: 0 } },
  network: { ...r.network, timings: {} },
});

function mixedMap(actors: number, ties: number) {
  const people = randomActorMap(actors, ties, 11);
  const system = randomCausalMap(40, 80, 12);
  return {
    elements: [...people.elements, ...system.elements],
    connections: [...people.connections, ...system.connections],
  };
}

describe('analyzeMapOn: the searches on helper threads', () => {
  it('gives the same analysis as one thread on a map big enough to share', async () => {
    const map = mixedMap(1500, 4);
    const one = analyzeMap(map);
    const many = await analyzeMapOn([localPathThread(), localPathThread()], map);
    expect(strip(many)).toEqual(strip(one));
    expect([one.pathThreads, many.pathThreads]).toEqual([1, 2]);
  });

  it('keeps a small map on its own thread', async () => {
    const map = mixedMap(60, 2);
    let asked = 0;
    const result = await analyzeMapOn(() => {
      asked++;
      return [localPathThread()];
    }, map);
    expect(asked).toBe(0);
    expect(strip(result)).toEqual(strip(analyzeMap(map)));
    expect(result.pathThreads).toBe(1);
    // The same getter is asked on a big map.
    await analyzeMapOn(
      () => {
        asked++;
        return [localPathThread()];
      },
      mixedMap(1500, 4),
    );
    expect(asked).toBe(1);
  });

  it('does the searches itself when a helper breaks, with the same result', async () => {
    const map = mixedMap(1500, 4);
    const broken = new PathThreadClient(() => {});
    broken.stop(new Error('The helper stopped.'));
    const result = await analyzeMapOn([localPathThread(), broken], map);
    expect(strip(result)).toEqual(strip(analyzeMap(map)));
    expect(result.pathThreads).toBe(1);
  });

  it('tells each step as it starts, and the searches as they go', async () => {
    const seen: AnalysisProgress[] = [];
    await analyzeMapOn(
      [localPathThread(), localPathThread()],
      mixedMap(1500, 4),
      {},
      {
        onProgress: (p) => seen.push(p),
      },
    );
    const steps = seen.map((p) => p.step).filter((s, i, all) => s !== all[i - 1]);
    expect(steps).toEqual(['loops', 'leverage', 'paths', 'clusters', 'weaving']);
    const searches = seen.filter((p) => p.step === 'paths' && p.total > 0);
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.every((p) => p.total === 1500 && p.done <= 1500)).toBe(true);

    const sync: AnalysisProgress[] = [];
    analyzeMap(mixedMap(300, 3), {}, { onProgress: (p) => sync.push(p) });
    expect(sync.at(-1)!.step).toBe('weaving');
    expect(sync.filter((p) => p.step === 'paths').at(-1)).toEqual({
      step: 'paths',
      done: 300,
      total: 300,
      sampled: false,
    });
    // A network above the exact limit: the searches count off the sample, and say so.
    const sampled: AnalysisProgress[] = [];
    analyzeMap(
      mixedMap(300, 3),
      { network: { betweennessExactLimit: 100, betweennessSamples: 50 } },
      { onProgress: (p) => sampled.push(p) },
    );
    expect(sampled.filter((p) => p.step === 'paths').at(-1)).toEqual({
      step: 'paths',
      done: 50,
      total: 50,
      sampled: true,
    });
  });
});
