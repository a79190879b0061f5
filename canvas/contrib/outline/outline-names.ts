import type { ElementKind } from '../../../shared/schema/types';

/**
 * What the Outline announces for each element (its accessible name): the kind, the label and,
 * for what can be in a causal loop, the loops it is in, e.g. "Factor: Household savings, in
 * loops R1 and B2". The Outline is the map's accessible mirror.
 */

export const KIND_WORD: Record<ElementKind, string> = {
  factor: 'Factor',
  actor: 'Actor',
  intervention: 'Intervention',
  note: 'Note',
  group: 'Frame',
};

/** "R1", "R1 and B2", "R1, R2 and B2". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

export function outlineName(
  kind: ElementKind,
  label: string,
  loops: readonly string[] | undefined,
  loopsKnown: boolean,
): string {
  const base = `${KIND_WORD[kind]}: ${label.trim() || '(no label)'}`;
  if (loops?.length) return `${base}, in loop${loops.length === 1 ? '' : 's'} ${listWords(loops)}`;
  if (loopsKnown && (kind === 'factor' || kind === 'intervention')) return `${base}, in no loop`;
  return base;
}
