import { ELEMENT_KINDS, kindTitle, kindWord } from '../../shared/schema/vocab/element-kinds';
import type { ElementKind } from '../../shared/schema/types';

/**
 * The words people see for each element kind (menus, the inspector, announcements), from the
 * schema's vocabulary (`shared/schema/vocab/element-kinds.ts`). A group is shown as a "frame".
 */
export const KIND_TITLE: Readonly<Record<ElementKind, string>> = Object.fromEntries(
  ELEMENT_KINDS.map((k) => [k, kindTitle(k)]),
) as Record<ElementKind, string>;

/** The kind as a word inside a sentence ("added a factor"). */
export const KIND_WORD: Readonly<Record<ElementKind, string>> = Object.fromEntries(
  ELEMENT_KINDS.map((k) => [k, kindWord(k)]),
) as Record<ElementKind, string>;

export { kindTitle };
