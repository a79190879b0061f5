import { describe, expect, it } from 'vitest';
import { benchBetweenness, benchLoops, benchLouvain, runAnalysisBench } from './bench';

describe('analysis benchmarks', () => {
  it('produce rows with our time, the library baseline and a note, at a small size', () => {
    const louvain = benchLouvain(200, 2, { repeats: 1 });
    expect(louvain.name).toBe('louvain 200 actors x 2 ties');
    expect(louvain.ms).toBeGreaterThan(0);
    expect(louvain.baselineMs).toBeGreaterThan(0);
    expect(louvain.note).toMatch(/modularity 0\.\d{3}/);
    const between = benchBetweenness(200, 2, { repeats: 1 });
    // the note reports how far our values are from graphology's on the same graph
    const worst = Number(/largest difference (\S+)$/.exec(between.note)![1]);
    expect(worst).toBeLessThan(1e-9);
    const [loops] = benchLoops({ repeats: 1 });
    expect(loops!.ms).toBeLessThan(1000);
    expect(loops!.note).toMatch(/truncated: true/);
  });

  it('runs the whole suite with small sizes', () => {
    const rows = runAnalysisBench({ sizes: [150], ties: [2], repeats: 1, skipBaselines: true });
    expect(rows.map((r) => r.name)).toEqual([
      'louvain 150 actors x 2 ties',
      'betweenness 150 actors x 2 ties',
      'loops 200 factors, 400 links (defaults)',
      'loops 200 factors, 400 links (maxLength 200)',
      'weaving 150 actors x 2 ties',
      'analyzeMap 150 actors + 200 factors',
    ]);
    for (const r of rows) expect(Number.isFinite(r.ms)).toBe(true);
  });
});
