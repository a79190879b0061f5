/**
 * The document contract (schema v1): the plain records that the Yjs document holds and that
 * every layer reads. Each record's fields are declared once, in `records/<record>.ts`; the
 * types here are inferred from those declarations. A `MapSnapshot` is the immutable,
 * JSON-shaped view of one map that the UI, the analysis and the file formats work on; the live
 * document is in `doc.ts`.
 */
import type { RecordOf } from './records/define';
import type { ELEMENT } from './records/element';
import type { CONNECTION } from './records/connection';
import type { SOURCE } from './records/source';
import type { LOOP_NOTE } from './records/loop';
import type { META } from './records/meta';

export { ELEMENT_KINDS, type ElementKind } from './vocab/element-kinds';
export { ACTOR_TYPES, type ActorType } from './vocab/actor-types';
export { CONNECTION_KINDS, type ConnectionKind } from './vocab/connection-kinds';
export { POLARITIES, type Polarity } from './vocab/polarity';
export { DIRECTIONS, type Direction } from './vocab/directions';
export type { Position } from './records/element';
export type { QuoteRecord } from './records/source';
export type { FieldError } from './checks';

/** Values a custom field may hold (JSON-compatible, no nesting beyond arrays of scalars). */
export type FieldValue = string | number | boolean | null | readonly (string | number | boolean)[];

export type ElementRecord = RecordOf<typeof ELEMENT>;
export type ConnectionRecord = RecordOf<typeof CONNECTION>;
export type SourceRecord = RecordOf<typeof SOURCE>;
/** What the group says about a detected feedback loop, keyed by the loop's canonical signature. */
export type LoopNoteRecord = RecordOf<typeof LOOP_NOTE>;
export type MetaRecord = RecordOf<typeof META>;

/** The whole map as plain data: what renderers, analysis and file formats read. */
export interface MapSnapshot {
  readonly meta: MetaRecord;
  readonly elements: ReadonlyMap<string, ElementRecord>;
  readonly connections: ReadonlyMap<string, ConnectionRecord>;
  readonly sources: ReadonlyMap<string, SourceRecord>;
  readonly loops: ReadonlyMap<string, LoopNoteRecord>;
}
