/**
 * The view registry: features contribute views to the side bar (with an activity bar button)
 * or the bottom panel from their `*.contribution.ts`. The workbench shows what is registered;
 * there are no placeholders for views that do not exist.
 */

export type ViewLocation = 'sidebar' | 'panel';

export interface ViewDescriptor<C> {
  readonly id: string;
  readonly title: string;
  readonly location: ViewLocation;
  /** Lower comes first. */
  readonly order: number;
  /** SVG path data (24x24 box) for the activity bar icon. */
  readonly icon?: string;
  /** The component; the workbench passes it the open workbench as `wb`. */
  readonly component: C;
  /**
   * Side bar views stay mounted once opened, taken out of the page while another view shows,
   * and are mounted ahead in idle time after the map opens (`canvas/workbench/view-keeper.ts`).
   * False for a view that must be built afresh each time it opens (one that fetches on mount).
   */
  readonly keepAlive?: boolean;
}

export class ViewRegistry<C> {
  readonly #views = new Map<string, ViewDescriptor<C>>();

  register(view: ViewDescriptor<C>): () => void {
    if (this.#views.has(view.id)) throw new Error(`View "${view.id}" is registered twice.`);
    this.#views.set(view.id, view);
    return () => this.#views.delete(view.id);
  }

  get(id: string): ViewDescriptor<C> | undefined {
    return this.#views.get(id);
  }

  list(location: ViewLocation): ViewDescriptor<C>[] {
    return [...this.#views.values()]
      .filter((v) => v.location === location)
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  }
}
