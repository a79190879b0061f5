/**
 * Context keys: named facts about the workbench's state that commands' `when` conditions read
 * (is the map read-only, what is selected, where is focus). The workbench computes them fresh
 * each time a command is considered, so they are never stale.
 */
export interface ContextKeys {
  /** A map is open. */
  readonly hasMap: boolean;
  readonly readOnly: boolean;
  /** Keyboard focus is on the map (single-key shortcuts only work there). */
  readonly mapFocus: boolean;
  /** Keyboard focus is in a text field. */
  readonly inputFocus: boolean;
  /** A dialog (palette, quick open) is open. */
  readonly dialogOpen: boolean;
  readonly selectedElements: number;
  readonly selectedConnections: number;
  /** A connection is being made by keyboard: its source is picked, its target is not. */
  readonly connecting: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Following someone's viewport. */
  readonly following: boolean;
  /** Anything more a feature wants to expose. */
  readonly [key: string]: boolean | number | string | undefined;
}

export const EMPTY_CONTEXT: ContextKeys = {
  hasMap: false,
  readOnly: true,
  mapFocus: false,
  inputFocus: false,
  dialogOpen: false,
  selectedElements: 0,
  selectedConnections: 0,
  connecting: false,
  canUndo: false,
  canRedo: false,
  following: false,
};

/** `when` helpers that read well at the call site: `when: all(editable, mapFocused)`. */
export type When = (ctx: ContextKeys) => boolean;
export const editable: When = (c) => c.hasMap && !c.readOnly;
export const mapFocused: When = (c) => c.mapFocus;
export const hasMap: When = (c) => c.hasMap;
export const all =
  (...conds: When[]): When =>
  (c) =>
    conds.every((w) => w(c));
