import type { ActorType, ElementKind, Polarity } from '../schema/types';
import { ACTOR_TYPE_VOCAB } from '../schema/vocab/actor-types';
import { kindTitle } from '../schema/vocab/element-kinds';

/**
 * Kumu's free-text element and connection types, mapped to Weavemap's kinds, actor types and
 * polarity, and back. An imported type that is not the word Weavemap itself would write is kept
 * in `extra.type`, so a Kumu map comes back out with the types it went in with.
 */

export interface KindOf {
  readonly kind: ElementKind;
  readonly actorType?: ActorType;
  /** False when the type was not recognised (it becomes a factor, and the type is kept). */
  readonly known: boolean;
}

const ACTOR_WORDS: Record<string, ActorType | undefined> = {
  person: 'person',
  people: 'person',
  individual: 'person',
  individuals: 'person',
  leader: 'person',
  organization: 'organization',
  organisation: 'organization',
  org: 'organization',
  company: 'organization',
  agency: 'organization',
  institution: 'organization',
  nonprofit: 'organization',
  business: 'organization',
  funder: 'organization',
  foundation: 'organization',
  group: 'group',
  team: 'group',
  network: 'group',
  coalition: 'group',
  committee: 'group',
  council: 'group',
  community: 'community',
  actor: undefined,
  stakeholder: undefined,
};

const FACTOR_WORDS = new Set([
  'factor',
  'variable',
  'issue',
  'driver',
  'outcome',
  'condition',
  'stock',
  'problem',
  'trend',
  'barrier',
  'goal',
]);
const INTERVENTION_WORDS = new Set([
  'intervention',
  'action',
  'strategy',
  'program',
  'programme',
  'policy',
  'project',
  'initiative',
]);
const NOTE_WORDS = new Set(['note', 'comment']);
const GROUP_WORDS = new Set(['frame', 'cluster frame']);

export function kindFromType(type: string): KindOf {
  const t = type.trim().toLowerCase();
  if (t === '') return { kind: 'factor', known: true };
  if (t in ACTOR_WORDS) {
    const a = ACTOR_WORDS[t];
    return a ? { kind: 'actor', actorType: a, known: true } : { kind: 'actor', known: true };
  }
  if (FACTOR_WORDS.has(t)) return { kind: 'factor', known: true };
  if (INTERVENTION_WORDS.has(t)) return { kind: 'intervention', known: true };
  if (NOTE_WORDS.has(t)) return { kind: 'note', known: true };
  if (GROUP_WORDS.has(t)) return { kind: 'group', known: true };
  return { kind: 'factor', known: false };
}

/**
 * The Type an element is exported with: the one it was imported with, if it still fits (a blank
 * type, kept as the custom field `type` = '', stays blank while the element is a factor).
 */
export function typeFromKind(kind: ElementKind, actorType?: ActorType, original?: unknown): string {
  if (original === '' && kind === 'factor') return '';
  if (typeof original === 'string' && original.trim()) {
    const back = kindFromType(original);
    if (back.kind === kind && (back.actorType ?? undefined) === (actorType ?? undefined))
      return original;
    if (!back.known && kind === 'factor') return original;
  }
  if (kind === 'actor' && actorType) return ACTOR_TYPE_VOCAB.label(actorType);
  return kindTitle(kind);
}

const POLARITY_WORDS: Record<string, Polarity> = {
  '+': '+',
  '++': '+',
  '-': '-',
  '--': '-',
  '−': '-',
  s: '+',
  o: '-',
  same: '+',
  opposite: '-',
  positive: '+',
  negative: '-',
  increases: '+',
  decreases: '-',
};

/** Polarity named by a Kumu connection type, if it names one (`+`, `--`, `same`, "negative", ...). */
export function polarityFromType(type: string): Polarity | undefined {
  return POLARITY_WORDS[type.trim().toLowerCase()];
}

/** The connection Type for a causal link: the imported word if it still means this polarity. */
export function typeFromPolarity(polarity: Polarity, original?: unknown): string {
  if (typeof original === 'string' && polarityFromType(original) === polarity) return original;
  return polarity;
}

/** Kumu's ambiguous polarity: a causal link whose sign is unknown or goes both ways. */
const AMBIGUOUS_WORDS = new Set(['+-', '-+', '±', '+/-', '-/+', '?', 'ambiguous', 'unknown']);

export const isAmbiguousType = (type: unknown): boolean =>
  typeof type === 'string' && AMBIGUOUS_WORDS.has(type.trim().toLowerCase());

/** The Kumu connection Type a connection is written with (undefined: none). */
export function connectionType(c: {
  readonly kind: string;
  readonly polarity?: Polarity | undefined;
  readonly extra: Readonly<Record<string, unknown>>;
}): string | undefined {
  const original = c.extra.type;
  if (c.kind !== 'causal') return typeof original === 'string' ? original : undefined;
  if (c.polarity) return typeFromPolarity(c.polarity, original);
  return typeof original === 'string' && isAmbiguousType(original) ? original : 'causal';
}
