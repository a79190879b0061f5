import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import { elementsRoot } from '../schema/doc';
import { DomainError } from '../domain/context';
import { testContext } from '../domain/test-context';
import { applyImport, previewImport } from './apply';
import { importKumuCsv } from './kumu-csv';
import { importKumuJson, serializeKumuJson } from './kumu-json';
import type { ImportedMap } from './model';
import { richMap } from './sample-maps';

function mapOf(r: ReturnType<typeof importKumuJson>): ImportedMap {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.map;
}

describe('previewImport', () => {
  it('counts elements by kind, actors by type, connections, loops and sources', () => {
    const map = mapOf(importKumuJson(serializeKumuJson(readSnapshot(richMap().doc))));
    const p = previewImport(map);
    expect(p.elementsByKind).toEqual({ factor: 2, actor: 1, intervention: 1, note: 1, group: 1 });
    expect(p.actorsByType).toEqual({ group: 1 });
    expect(p.connectionsByKind).toEqual({ causal: 3, relationship: 2 });
    expect(p.summary).toBe(
      '6 elements (2 factors, 1 actor, 1 intervention, 1 note, 1 group), 5 connections, 1 loop, 0 sources',
    );
  });
});

describe('applyImport', () => {
  const imported = () => mapOf(importKumuJson(serializeKumuJson(readSnapshot(richMap().doc))));

  it('writes a new map in one transaction, undone in one step', () => {
    const ctx = testContext('bo');
    const undo = new Y.UndoManager(
      [elementsRoot(ctx.doc), ctx.doc.getMap('connections'), ctx.doc.getMap('loops')],
      {
        trackedOrigins: new Set([ctx.origin]),
      },
    );
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    const summary = applyImport(ctx, imported(), { mode: 'new' });
    expect(transactions).toBe(1);
    expect(summary.created).toEqual({ elements: 6, connections: 5, sources: 0, loops: 1 });
    const s = readSnapshot(ctx.doc);
    expect(s.meta.title).toBe('School readiness');
    expect(s.elements.size).toBe(6);
    undo.undo();
    expect(readSnapshot(ctx.doc).elements.size).toBe(0);
    expect(readSnapshot(ctx.doc).connections.size).toBe(0);
  });

  it('writes nothing when a record is invalid, and says which', () => {
    const ctx = testContext('bo');
    const map = imported();
    const bad: ImportedMap = {
      ...map,
      elements: [...map.elements, { ...map.elements[0]!, id: 'tooLong', label: 'x'.repeat(501) }],
    };
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    expect(() => applyImport(ctx, bad, { mode: 'new' })).toThrow(
      /elements\[6\]\.label: label is too long/,
    );
    expect(transactions).toBe(0);
    expect(readSnapshot(ctx.doc).elements.size).toBe(0);
  });

  it("refuses 'new' on a map that has content", () => {
    const ctx = richMap();
    expect(() => applyImport(ctx, imported(), { mode: 'new' })).toThrow(DomainError);
  });

  it('merges by ID: the same file changes the records it matches and adds none', () => {
    const ctx = richMap();
    const before = readSnapshot(ctx.doc);
    const edited = serializeKumuJson(before).replace('"Book bags"', '"Book bags for every class"');
    const map = mapOf(importKumuJson(edited));
    expect(previewImport(map, before).merge).toEqual({
      elements: { matched: 6, added: 0 },
      connections: { matched: 5, added: 0 },
    });
    const summary = applyImport(ctx, map, { mode: 'merge' });
    expect(summary.updated.elements).toBe(6);
    expect(summary.created.elements).toBe(0);
    const after = readSnapshot(ctx.doc);
    expect(after.elements.size).toBe(before.elements.size);
    expect(after.elements.get('elProgram')?.label).toBe('Book bags for every class');
    // What the file does not carry stays: sources and the original creator.
    expect(after.sources.size).toBe(1);
    expect(after.elements.get('elProgram')?.createdBy).toBe('ana');
  });

  it('merges by label when the file has no IDs, as Kumu does, and adds what is new', () => {
    const ctx = richMap();
    const csv = importKumuCsv({
      elements:
        "Label,Type,Description\r\nbook bags,Intervention,One per child\r\nLibrary card drive,Program,\r\n'=Reading at home,Factor,\r\n",
      connections:
        "From,To,Type\r\nLibrary card drive,Book bags,+\r\nBook bags,'=Reading at home,'+\r\n",
    });
    if (!csv.ok) throw new Error(JSON.stringify(csv.problems));
    const summary = applyImport(ctx, csv.map, { mode: 'merge' });
    expect(summary.updated.elements).toBe(2);
    expect(summary.created.elements).toBe(1);
    expect(summary.created.connections).toBe(1);
    expect(summary.updated.connections).toBe(1); // Book bags -> Reading at home existed
    const after = readSnapshot(ctx.doc);
    expect(after.elements.get('elProgram')).toMatchObject({
      label: 'book bags',
      description: 'One per child',
    });
    // Blank cells leave what the map has: the description and tags of '=Reading at home' stay.
    expect(after.elements.get('elReading')).toMatchObject({
      description: '+2 hours a week, -1 screen',
      tags: ['@home'],
    });
    // A blank Type does not turn the actor into a factor.
    expect(after.connections.get('cnBags')).toMatchObject({ kind: 'causal', polarity: '+' });
    const drive = [...after.elements.values()].find((e) => e.label === 'Library card drive');
    expect(drive).toMatchObject({ kind: 'intervention' });
    expect(
      [...after.connections.values()].some((c) => c.from === drive?.id && c.to === 'elProgram'),
    ).toBe(true);
  });
});
