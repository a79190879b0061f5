import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkCompatibility, flatRecords, migrate, positionsAsPairs } from './migrations';
import { elementsMap, storesFlat } from './doc';
import { readSnapshot } from './snapshot';
import { SCHEMA_VERSION } from './version';

function v0Doc(): Y.Doc {
  const doc = new Y.Doc();
  const el = new Y.Map<unknown>();
  el.set('id', 'e1');
  el.set('kind', 'factor');
  el.set('label', 'Old');
  el.set('x', 12);
  el.set('y', -4);
  doc.getMap('elements').set('e1', el);
  doc.getMap('meta').set('title', 'Before versions');
  return doc;
}

describe('migrations', () => {
  it(`${positionsAsPairs.name}: moves x/y into one position key and stamps v1`, () => {
    const doc = v0Doc();
    positionsAsPairs.migrate(doc);
    const el = doc.getMap('elements').get('e1') as Y.Map<unknown>;
    expect(el.get('position')).toEqual([12, -4]);
    expect(el.has('x') || el.has('y')).toBe(false);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(1);
  });

  it(`${flatRecords.name}: after ${positionsAsPairs.name}, in one transaction`, () => {
    const doc = v0Doc();
    expect(checkCompatibility(doc).status).toBe('needs-migration');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(migrate(doc)).toEqual([positionsAsPairs.name, flatRecords.name]);
    expect(transactions).toBe(1);
    expect(storesFlat(doc)).toBe(true);
    expect(typeof doc.getMap('elements').get('e1')).toBe('string');
    expect(readSnapshot(doc).elements.get('e1')).toMatchObject({
      kind: 'factor',
      label: 'Old',
      position: [12, -4],
    });
    // Edits after the migration are keys of their own.
    elementsMap(doc).get('e1')?.set('label', 'New');
    expect(doc.getMap('elements').get('e1.label')).toBe('New');
    expect(readSnapshot(doc).elements.get('e1')?.label).toBe('New');
    expect(checkCompatibility(doc)).toEqual({ status: 'current', version: SCHEMA_VERSION });
    expect(readSnapshot(doc).elements.get('e1')?.extra).toEqual({});
  });

  it('treats an empty document as current and runs nothing', () => {
    const doc = new Y.Doc();
    expect(checkCompatibility(doc).status).toBe('current');
    expect(migrate(doc)).toEqual([]);
  });

  it('opens a newer document read-only with a message that says so, and never migrates it', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const c = checkCompatibility(doc);
    expect(c.status).toBe('newer');
    expect(c.status === 'newer' && c.message).toMatch(/newer Weavemap.*read-only/);
    expect(migrate(doc)).toEqual([]);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION + 1);
  });
});
