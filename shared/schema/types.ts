/**
 * The document contract (schema v1): the plain records that the Yjs document holds and that
 * every layer reads. A `MapSnapshot` is the immutable, JSON-shaped view of one map that the UI,
 * the analysis and the file formats work on; the live document is in `doc.ts`.
 */

export const ELEMENT_KINDS = ['factor', 'actor', 'intervention', 'note', 'group'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export const ACTOR_TYPES = ['person', 'organization', 'group', 'community'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const CONNECTION_KINDS = ['causal', 'relationship'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const POLARITIES = ['+', '-'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const DIRECTIONS = ['directed', 'undirected', 'mutual'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A point on the map, in map units. Stored as one key so a move is one write. */
export type Position = readonly [x: number, y: number];

/** Values a custom field may hold (JSON-compatible, no nesting beyond arrays of scalars). */
export type FieldValue = string | number | boolean | null | readonly (string | number | boolean)[];

export interface ElementRecord {
  readonly id: string;
  readonly kind: ElementKind;
  readonly label: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly position: Position;
  /** Only for `actor` elements. */
  readonly actorType?: ActorType;
  /** Meadows' places to intervene: 12 (constants, parameters) to 1 (transcending paradigms). */
  readonly leverageLevel?: number;
  /** A CSS colour (#rrggbb) chosen by the group, if any. */
  readonly color?: string;
  /** Pinned elements keep their place when the layout runs. */
  readonly pinned?: boolean;
  /** Id of the `group` element whose frame this element sits in, if any. */
  readonly parent?: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Fields this version does not know (custom fields and fields from newer clients), kept as-is. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface ConnectionRecord {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: ConnectionKind;
  /** Causal connections: `+` (same direction) or `-` (opposite direction). */
  readonly polarity?: Polarity;
  /** Causal connections: the effect takes noticeable time. */
  readonly delay?: boolean;
  readonly direction: Direction;
  /** 0..1 */
  readonly strength?: number;
  /**
   * How much the tie counts, a positive number (Gephi's and NetworkX's edge weight): drawn as
   * line width. Absent means 1 (1 is never stored).
   */
  readonly weight?: number;
  readonly label: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** A relationship proposed by a weaving suggestion, not yet made. */
  readonly proposed?: boolean;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** A quote anchored with W3C Web Annotation selectors (TextQuote + TextPosition). */
export interface QuoteRecord {
  readonly id: string;
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly start?: number;
  readonly end?: number;
  readonly note: string;
  readonly clippedBy: string;
  readonly clippedAt: number;
}

export interface SourceRecord {
  readonly id: string;
  readonly url: string;
  readonly canonicalUrl?: string;
  readonly title: string;
  readonly siteName?: string;
  readonly authors: readonly string[];
  /** ISO 8601 date or date-time. */
  readonly publishedAt?: string;
  readonly doi?: string;
  readonly description?: string;
  /** BCP 47 tag as the page gives it (en-GB): CSL's language. */
  readonly language?: string;
  /** Its primary subtag (en): what comparisons of languages use. */
  readonly primaryLanguage?: string;
  /** e.g. article, report, video, webpage, image, link */
  readonly type?: string;
  readonly favicon?: string;
  readonly quotes: readonly QuoteRecord[];
  /** Ids of elements and connections this source is evidence for. */
  readonly linkedTo: readonly string[];
  readonly tags: readonly string[];
  readonly note: string;
  readonly clippedBy: string;
  readonly clippedAt: number;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** What the group says about a detected feedback loop, keyed by the loop's canonical signature. */
export interface LoopNoteRecord {
  readonly signature: string;
  readonly name: string;
  readonly note: string;
  /** Element ids in loop order, remembered so a loop broken by an edit can still be shown. */
  readonly members: readonly string[];
  readonly updatedBy: string;
  readonly updatedAt: number;
}

export interface MetaRecord {
  readonly schemaVersion: number;
  readonly title: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** The whole map as plain data: what renderers, analysis and file formats read. */
export interface MapSnapshot {
  readonly meta: MetaRecord;
  readonly elements: ReadonlyMap<string, ElementRecord>;
  readonly connections: ReadonlyMap<string, ConnectionRecord>;
  readonly sources: ReadonlyMap<string, SourceRecord>;
  readonly loops: ReadonlyMap<string, LoopNoteRecord>;
}

/** One problem with one field of one record, phrased for the person who typed it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
