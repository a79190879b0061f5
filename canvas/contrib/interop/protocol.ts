import type {
  ExportedFile,
  FormatId,
  ImportPreview,
  ImportResult,
} from '../../../shared/interop/index';
import type { MapSnapshot } from '../../../shared/schema/types';
import type { Positions } from './place-imported';
import type { SvgImageOptions } from './svg-image';

/** Messages between the canvas and the import and export workers. */

export type ImportRequest =
  | { readonly type: 'parse'; readonly files: readonly File[] }
  /** The merge preview of the map parsed last, against the open map. */
  | { readonly type: 'preview'; readonly existing: MapSnapshot };

export type ImportReply =
  | { readonly type: 'progress'; readonly stage: string; readonly fraction?: number }
  | {
      readonly type: 'parsed';
      readonly format?: FormatId;
      readonly formatName?: string;
      readonly result: ImportResult;
      /** For a new map; present when the result is ok. */
      readonly preview?: ImportPreview;
      /** Places for the elements the file gave none (see `withPositions`). */
      readonly positions?: Positions;
      readonly ms: number;
    }
  | { readonly type: 'preview'; readonly preview: ImportPreview }
  | { readonly type: 'error'; readonly message: string };

export interface ExportRequest {
  readonly snapshot: MapSnapshot;
  readonly format: FormatId | 'svg';
  /** For 'svg': everything but the text measure (the worker measures with an OffscreenCanvas). */
  readonly svg?: Omit<SvgImageOptions, 'measure'>;
  /** Add network measures (cluster, degree, betweenness, ...) to GEXF and GraphML. */
  readonly analysis: boolean;
}

export type ExportReply =
  | { readonly type: 'progress'; readonly stage: string }
  | {
      readonly type: 'exported';
      readonly files: readonly ExportedFile[];
      /** Which measures went in, or why none did. */
      readonly analysisNote?: string;
      /** For 'svg': what the image holds. */
      readonly svg?: { width: number; height: number; elements: number; connections: number };
      readonly ms: number;
    }
  | { readonly type: 'error'; readonly message: string };
