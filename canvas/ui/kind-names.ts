import type { ElementKind } from '../../shared/schema/types';

/**
 * The words people see for each element kind, in one place for the whole canvas (menus, the
 * inspector, announcements). A group is shown as a "frame".
 */
export const KIND_TITLE: Readonly<Record<ElementKind, string>> = {
  factor: 'Factor',
  actor: 'Actor',
  intervention: 'Intervention',
  note: 'Note',
  group: 'Frame',
};

/** The kind as a word inside a sentence ("added a factor"). */
export const KIND_WORD: Readonly<Record<ElementKind, string>> = {
  factor: 'factor',
  actor: 'actor',
  intervention: 'intervention',
  note: 'note',
  group: 'frame',
};

export function kindTitle(kind: ElementKind): string {
  return KIND_TITLE[kind];
}
