import { describe, expect, it } from 'vitest';
import type { Loop } from '../../../shared/analysis/index';
import type { LoopNoteRecord } from '../../../shared/schema/types';
import { loopMarkerSpecs } from './loop-marker-specs';

const loop = (signature: string, label: string, elements: string[]): Loop => ({
  signature,
  label,
  polarity: label[0] === 'R' ? 'R' : 'B',
  length: elements.length,
  elements,
  connections: [],
  negativeLinks: 0,
  hasDelay: false,
  delayedConnections: [],
  assumedPositive: [],
});

const note = (signature: string, name: string): LoopNoteRecord => ({
  signature,
  name,
  note: '',
  members: [],
  updatedBy: 't',
  updatedAt: 0,
});

describe('which loops get a marker', () => {
  const loops = [
    loop('s1', 'R1', ['a', 'b']),
    loop('s2', 'B1', ['b', 'c', 'd']),
    loop('s3', 'R2', ['x', 'y']),
  ];
  const notes = new Map([['s2', note('s2', 'Limits to growth')]]);

  it('named loops, and the loops a view points at', () => {
    const specs = loopMarkerSpecs(loops, notes, [], { all: false, marked: new Set(['s3']) });
    expect(specs.map((s) => [s.code, s.name ?? null])).toEqual([
      ['B1', 'Limits to growth'],
      ['R2', null],
    ]);
    expect(specs[0]!.members).toEqual(['b', 'c', 'd']);
    expect(specs[0]!.polarity).toBe('B');
  });

  it('every loop with the toggle on', () => {
    const specs = loopMarkerSpecs(loops, new Map(), [], { all: true, marked: new Set() });
    expect(specs.map((s) => s.code)).toEqual(['R1', 'B1', 'R2']);
  });

  it('keeps the name of a loop redrawn along other links', () => {
    const specs = loopMarkerSpecs(
      loops,
      new Map(),
      [
        {
          signature: 'old',
          name: 'Vicious circle',
          note: '',
          status: 'relinked',
          loop: loops[0]!,
          members: ['a', 'b'],
          missingMembers: [],
          explanation: '',
        },
      ],
      { all: false, marked: new Set() },
    );
    expect(specs.map((s) => [s.code, s.name])).toEqual([['R1', 'Vicious circle']]);
  });
});
