import { flag, text, when, who, type Field } from '../fields';
import { LIMITS } from '../limits';
import { defineRecord } from './define';

const schemaVersion: Field<number, false> = {
  type: 'number',
  optional: false,
  label: 'Schema version',
  read: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined),
  fallback: () => 0,
  storage: 'key',
};

/**
 * The map itself: its title, who made it and when, the schema version it is stored in, and how
 * its factors are drawn.
 */
export const META = defineRecord({
  name: 'meta',
  label: 'Map',
  extra: true,
  fields: {
    schemaVersion,
    title: text('Title', LIMITS.titleChars),
    createdAt: when('Created', 'key'),
    createdBy: who('Created by', 'key', LIMITS.labelChars),
    /** The text-first factor style: factors drawn as words without boxes (as in Vensim). */
    textFactors: flag('Factors as words, without boxes'),
  },
});
