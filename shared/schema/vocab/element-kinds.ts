import { vocabulary } from './vocabulary';

/** What an element is on the map. `group` is shown to people as a frame. */
export const ELEMENT_KINDS = ['factor', 'actor', 'intervention', 'note', 'group'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

interface KindWords {
  /** As a title or a menu entry: "Factor". */
  readonly title: string;
  /** Inside a sentence: "added factor “Trust”". */
  readonly word: string;
  /** A heading over several: "Factors". */
  readonly plural: string;
}

const WORDS: Readonly<Record<ElementKind, KindWords>> = {
  factor: { title: 'Factor', word: 'factor', plural: 'Factors' },
  actor: { title: 'Actor', word: 'actor', plural: 'Actors' },
  intervention: { title: 'Intervention', word: 'intervention', plural: 'Interventions' },
  note: { title: 'Note', word: 'note', plural: 'Notes' },
  group: { title: 'Frame', word: 'frame', plural: 'Frames' },
};

/** "Factor", "Frame", ... */
export const kindTitle = (kind: ElementKind): string => WORDS[kind].title;
/** "factor", "frame", ... (in a sentence) */
export const kindWord = (kind: ElementKind): string => WORDS[kind]?.word ?? String(kind);
/** "Factors", "Frames", ... */
export const kindPlural = (kind: ElementKind): string => WORDS[kind].plural;

export const ELEMENT_KIND_VOCAB = vocabulary(ELEMENT_KINDS, {
  factor: kindTitle('factor'),
  actor: kindTitle('actor'),
  intervention: kindTitle('intervention'),
  note: kindTitle('note'),
  group: kindTitle('group'),
});
