/** Helpers for the tests that read the files under test/fixtures/formats. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import type { MapSnapshot } from '../schema/types';
import { applyImport } from './apply';
import { formatProblem, type ImportedMap, type ImportResult } from './model';

export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/formats/${name}`, import.meta.url)));

export function ok(r: ImportResult): ImportedMap {
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.map;
}

export function refused(r: ImportResult): string[] {
  expect(r.ok).toBe(false);
  return r.problems.map(formatProblem);
}

export function applied(map: ImportedMap): MapSnapshot {
  const ctx = { doc: new Y.Doc(), origin: 'test', userId: 'tester' };
  applyImport(ctx, map, { mode: 'new' });
  return readSnapshot(ctx.doc);
}

export const byLabel = (s: MapSnapshot, label: string) => {
  const e = [...s.elements.values()].find((x) => x.label === label);
  if (!e) throw new Error(`no element '${label}'`);
  return e;
};
