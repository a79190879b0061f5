/**
 * A closed list of values with the words people see for them. Every vocabulary of the document
 * (element kinds, actor types, connection kinds, polarity, direction, Meadows levels, ...) is
 * one module in this folder; record fields, validators, the Inspector and exports read it here.
 */
export interface Vocabulary<V extends string | number = string | number> {
  readonly values: readonly V[];
  /** The word shown for a value (an option in a menu, a legend entry). */
  label(value: V): string;
}

export function vocabulary<V extends string | number>(
  values: readonly V[],
  labels: Readonly<Record<V, string>>,
): Vocabulary<V> {
  return { values, label: (v) => labels[v] ?? String(v) };
}
