import type { StoredRecord } from '../flat';
import * as C from '../checks';
import {
  choice,
  flag,
  idField,
  optionalNumber,
  packed,
  tagList,
  text,
  when,
  who,
  type Field,
} from '../fields';
import { LIMITS } from '../limits';
import { CONNECTION_KIND_VOCAB } from '../vocab/connection-kinds';
import { DIRECTION_VOCAB, type Direction } from '../vocab/directions';
import { POLARITY_VOCAB } from '../vocab/polarity';
import { vocabulary } from '../vocab/vocabulary';
import { defineRecord } from './define';

const end = (label: string, index: number): Field<string, false> => ({
  type: 'id',
  optional: false,
  label,
  read: (v) => (typeof v === 'string' ? v : undefined),
  fallback: () => '',
  check: C.id,
  storage: packed('ends', index),
});

/** How sure the group is of a link, with the words people see. */
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export const CONFIDENCE_VOCAB = vocabulary(CONFIDENCES, {
  low: 'Low: a hunch, to check',
  medium: 'Medium: some evidence',
  high: 'High: well established',
});

/**
 * Migration 1 of connections: a confidence imported before the field existed, spelled another
 * way ("High", " LOW "), was kept as a custom field; it becomes the field's word. Additive: a
 * client from before the field keeps it as custom data, as it did.
 */
const confidenceWords = {
  version: 1,
  name: 'confidence spelled another way becomes the field',
  additive: true,
  up(stored: StoredRecord) {
    const v = stored.get('confidence');
    if (typeof v !== 'string') return;
    const word = CONFIDENCES.find((c) => c === v.trim().toLowerCase());
    if (word !== undefined && word !== v) stored.set('confidence', word);
  },
};

const defaultDirection = (r: Readonly<Record<string, unknown>>): Direction =>
  r.kind === 'causal' ? 'directed' : 'undirected';
const causal = (r: Readonly<Record<string, unknown>>) => r.kind === 'causal';

/** A causal link or a relationship between two elements. */
export const CONNECTION = defineRecord({
  name: 'connection',
  label: 'Connection',
  extra: true,
  migrations: [confidenceWords],
  refine(value, errors) {
    if (value.from === value.to && typeof value.from === 'string')
      errors.push({ field: 'to', message: 'A connection needs two different elements.' });
  },
  fields: {
    id: idField(),
    from: end('From', 0),
    to: end('To', 1),
    kind: choice('Connection kind', CONNECTION_KIND_VOCAB, {
      fallback: () => 'relationship' as const,
      required: true,
      edit: { control: 'choice' },
    }),
    /** Causal connections: `+` (same direction) or `-` (opposite direction). */
    polarity: choice('Polarity', POLARITY_VOCAB, {
      edit: { control: 'choice', when: causal, unset: '(not set)' },
    }),
    /** Causal connections: the effect takes noticeable time. */
    delay: flag('Delay (the effect takes time)', { edit: { control: 'flag', when: causal } }),
    direction: choice('Direction', DIRECTION_VOCAB, {
      fallback: defaultDirection,
      sparse: (v, r) => v === defaultDirection(r),
      edit: { control: 'choice' },
    }),
    /** 0..1 */
    strength: optionalNumber('Strength (0 to 1)', C.numberIn(0, 1), {
      edit: { control: 'number' },
    }),
    /**
     * How much the tie counts, a positive number (Gephi's and NetworkX's edge weight): drawn as
     * line width. Absent means 1 (1 is never stored).
     */
    weight: optionalNumber('Weight (line width; blank is 1)', C.positive, {
      read: (v) => (C.isWeight(v) && v !== 1 ? v : undefined),
      sparse: (v) => v === 1,
      // A custom field `weight` from before weight was a field, that is not a weight: kept as is.
      custom: (v) => v !== undefined && !C.isWeight(v),
      edit: { control: 'number' },
    }),
    /**
     * How sure the group is that this link holds (causal-loop workshops mark weak evidence so it
     * is checked before anyone acts on a loop through it). Absent: not said.
     */
    confidence: choice('Confidence', CONFIDENCE_VOCAB, {
      edit: { control: 'choice', unset: '(not said)' },
      // A custom field `confidence` from before the field (an imported column) that is not one
      // of these words stays a custom field.
      custom: (v) => !(CONFIDENCE_VOCAB.values as readonly unknown[]).includes(v),
    }),
    label: text('Label', LIMITS.labelChars, { edit: { control: 'text' } }),
    description: text('Description', LIMITS.descriptionChars, { edit: { control: 'textarea' } }),
    tags: tagList('Tags', { edit: { control: 'tags' } }),
    /** A relationship proposed by a weaving suggestion, not yet made. */
    proposed: flag('Proposed (not yet made)', { edit: { control: 'flag' } }),
    createdBy: who('Created by', packed('ends', 2), LIMITS.labelChars),
    createdAt: when('Created', packed('ends', 3)),
    updatedAt: when('Updated', packed('updated'), {
      fallback: (r) => r.createdAt as number,
      sparse: (v, r) => v === r.createdAt,
    }),
  },
});
