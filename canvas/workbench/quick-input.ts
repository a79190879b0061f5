/** An item in the quick input (palette, quick open, pickers). */
export interface QuickItem {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly keyLabel?: string;
  readonly disabled?: boolean;
}

export interface QuickInputRequest {
  /** Accessible name of the dialog. */
  readonly title: string;
  readonly placeholder: string;
  readonly items: readonly QuickItem[];
  readonly emptyText: string;
  /** Searches `description` too (quick open searches kinds and tags). */
  readonly searchDescription?: boolean;
  readonly initialQuery?: string;
  accept(item: QuickItem): void;
}
