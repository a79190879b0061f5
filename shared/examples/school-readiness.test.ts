import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../schema/snapshot';
import { testContext } from '../domain/test-context';
import { applyNative, exportNative, parseNative } from '../interop/native';
import { findLoops } from '../analysis/loops';
import { whoCanMove } from '../analysis/leverage';
import { analyzeMap } from '../analysis/index';
import { SCHOOL_READINESS_TITLE, schoolReadinessExample } from './school-readiness';

const FILE = new URL('./school-readiness.weavemap.json', import.meta.url);
const fileText = () => readFileSync(FILE, 'utf8');

function load() {
  const parsed = parseNative(JSON.parse(fileText()));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const ctx = testContext('ana');
  applyNative(ctx, parsed.file);
  return readSnapshot(ctx.doc);
}

describe('the school-readiness example map', () => {
  it('is the committed .weavemap.json file, which parseNative accepts', () => {
    const parsed = parseNative(JSON.parse(fileText()));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    // The module the home screen and the tests import is that same file.
    expect(schoolReadinessExample).toEqual(JSON.parse(fileText()));
  });

  it('is exactly what "Export map" writes for it (2-space JSON, records in id order)', () => {
    const exported = exportNative(load(), new Date(schoolReadinessExample.exportedAt));
    expect(fileText().trimEnd()).toBe(JSON.stringify(exported, null, 2));
  });

  it('is a valid native file that applies whole, with its title', () => {
    const snap = load();
    expect(snap.meta.title).toBe(SCHOOL_READINESS_TITLE);
    expect(snap.elements.size).toBe(schoolReadinessExample.elements.length);
    expect(snap.connections.size).toBe(schoolReadinessExample.connections.length);
  });

  it('has the factors and actors of the Baltimore story', () => {
    const labels = [...load().elements.values()].map((e) => e.label);
    for (const l of [
      'Children entering kindergarten ready to learn',
      'Parent engagement in early learning',
      'Early childhood program quality',
      'Coordination across agencies',
      'Trust between parents and providers',
      'Parents and caregivers',
      'City public schools',
      'Health department',
      'Public libraries',
      'Local funders',
      'Community organisations',
    ])
      expect(labels).toContain(l);
    const kinds = new Set([...load().elements.values()].map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['actor', 'factor', 'group', 'intervention', 'note']);
  });

  it('holds reinforcing and balancing loops, with + and - links and delays', () => {
    const snap = load();
    const result = findLoops(snap);
    expect(result.reinforcing).toBeGreaterThanOrEqual(2);
    expect(result.balancing).toBeGreaterThanOrEqual(2);
    const causal = [...snap.connections.values()].filter((c) => c.kind === 'causal');
    expect(causal.some((c) => c.polarity === '-')).toBe(true);
    expect(causal.some((c) => c.polarity === '+')).toBe(true);
    expect(causal.some((c) => c.delay)).toBe(true);
    expect([...snap.connections.values()].filter((c) => c.kind === 'relationship').length).toBe(10);
  });

  it('holds actors in at least two Louvain clusters, with introductions to suggest', () => {
    const { network } = analyzeMap(load());
    expect(network.actors.length).toBe(8);
    expect(network.isolates).toEqual([]);
    expect(network.clusters.length).toBeGreaterThanOrEqual(2);
    for (const cluster of network.clusters) expect(cluster.size).toBeGreaterThanOrEqual(2);
    expect(network.modularity).toBeGreaterThan(0);
    expect(network.weaving.length).toBeGreaterThan(0);
    for (const w of network.weaving) expect(w.clusterA).not.toBe(w.clusterB);
  });

  it('links actors to the factors they can move', () => {
    const snap = load();
    const movers = whoCanMove(snap, ['srF08']);
    const ids = movers[0]?.actors.map((a) => a.actorId) ?? [];
    expect(ids).toContain('srA03'); // the health department runs the screenings
  });
});
