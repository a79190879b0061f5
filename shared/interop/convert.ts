import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import type { EditContext } from '../domain/context';
import { applyImport } from './apply';
import {
  exportAny,
  importAny,
  type ExportedFile,
  type ExportOptions,
  type FormatId,
  type FormatInput,
} from './formats';
import { ImportRefused, type ImportProblem } from './model';
import { applyNative, parseNative } from './native';
import { decodeText } from './text';

export type ConvertResult =
  | {
      readonly ok: true;
      readonly files: readonly ExportedFile[];
      readonly problems: readonly ImportProblem[];
      readonly counts: { elements: number; connections: number; sources: number; loops: number };
    }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/**
 * Converts a map file from one format to another, through a real map document: the input is
 * read and checked, written into a fresh Y.Doc exactly as an import would be, and the document
 * is exported. A `.weavemap.json` input keeps its provenance (it is applied natively).
 */
export async function convert(
  input: FormatInput,
  from: FormatId,
  to: FormatId,
  options: ExportOptions = {},
): Promise<ConvertResult> {
  const ctx: EditContext = { doc: new Y.Doc(), origin: 'convert', userId: 'weavemap-convert' };
  let problems: readonly ImportProblem[] = [];
  if (
    from === 'weavemap' &&
    (typeof input === 'string' || input instanceof Uint8Array || input instanceof ArrayBuffer)
  ) {
    let value: unknown;
    try {
      value = JSON.parse(decodeText(input));
    } catch (e) {
      if (e instanceof ImportRefused) return { ok: false, problems: [e.problem] };
      return {
        ok: false,
        problems: [
          { where: '', field: '', message: `This is not valid JSON (${(e as Error).message}).` },
        ],
      };
    }
    const parsed = parseNative(value);
    if (!parsed.ok) return parsed;
    applyNative(ctx, parsed.file);
  } else {
    const result = await importAny(input, from);
    if (!result.ok) return result;
    problems = result.problems;
    applyImport(ctx, result.map, { mode: 'new' });
  }
  const snapshot = readSnapshot(ctx.doc);
  const files = await exportAny(snapshot, to, options);
  ctx.doc.destroy();
  const counts = {
    elements: snapshot.elements.size,
    connections: snapshot.connections.size,
    sources: snapshot.sources.size,
    loops: snapshot.loops.size,
  };
  return { ok: true, files, problems, counts };
}
