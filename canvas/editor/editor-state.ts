import type { Viewport } from './renderer-api';

export type EditorStateChange = 'selection' | 'viewport';

/**
 * The one place the open map's editor state lives: the selection (element and connection ids)
 * and the viewport. The renderer draws the selection from it and reports its viewport into it
 * (d3-zoom's transform stays the renderer's, so the renderer is the viewport's only writer);
 * the workbench selects through it and reads both, reactively (workbench.svelte.ts). Nothing
 * keeps a second copy in step.
 */
export class EditorState {
  #selection: readonly string[] = [];
  #selectionSet: ReadonlySet<string> = new Set();
  #viewport: Viewport | null = null;
  readonly #listeners = new Map<EditorStateChange, Set<() => void>>([
    ['selection', new Set()],
    ['viewport', new Set()],
  ]);

  /** Selected ids, in the order they were selected. */
  get selection(): readonly string[] {
    return this.#selection;
  }

  /** The same ids, for membership tests (the renderer's per-frame question). */
  get selectionSet(): ReadonlySet<string> {
    return this.#selectionSet;
  }

  /** What the renderer showed last; null before its first frame. */
  get viewport(): Viewport | null {
    return this.#viewport;
  }

  setSelection(ids: readonly string[]): void {
    this.#selection = ids;
    this.#selectionSet = new Set(ids);
    this.#emit('selection');
  }

  setViewport(v: Viewport): void {
    this.#viewport = v;
    this.#emit('viewport');
  }

  /** Calls `listener` after each change of `what`; returns the unsubscribe. */
  subscribe(what: EditorStateChange, listener: () => void): () => void {
    const set = this.#listeners.get(what)!;
    set.add(listener);
    return () => set.delete(listener);
  }

  #emit(what: EditorStateChange): void {
    for (const l of this.#listeners.get(what)!) l();
  }
}
