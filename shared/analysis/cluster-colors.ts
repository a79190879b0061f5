/**
 * Cluster colours: the map's network lens, its legend and the report's clusters section use
 * these, so a cluster has one colour on every surface. Ten distinguishable fills (Tableau 10),
 * readable with dark or light text on top.
 */
export const CATEGORY_COLORS = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
] as const;

export const categoryColor = (i: number): string =>
  CATEGORY_COLORS[
    ((i % CATEGORY_COLORS.length) + CATEGORY_COLORS.length) % CATEGORY_COLORS.length
  ]!;

/** Each colour's name, for text that must not rely on colour alone (the report, legends). */
export const CATEGORY_COLOR_NAMES: Readonly<Record<string, string>> = {
  '#4e79a7': 'blue',
  '#f28e2c': 'orange',
  '#e15759': 'red',
  '#76b7b2': 'teal',
  '#59a14f': 'green',
  '#edc949': 'yellow',
  '#af7aa1': 'purple',
  '#ff9da7': 'pink',
  '#9c755f': 'brown',
  '#bab0ab': 'grey',
};
