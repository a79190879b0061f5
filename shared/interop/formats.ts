import type { MapSnapshot } from '../schema/types';
import { CONNECTION, ELEMENT, SOURCE, splitFields, type RecordSpec } from '../schema/records/index';
import { exportGexf, importGexf } from './gexf';
import { exportGraphml, importGraphml } from './graphml';
import type { AnalysisColumns } from './graph-attrs';
import { importJsonCanvas, serializeJsonCanvas } from './json-canvas';
import { exportKumuCsv, guessCsvSheet, importKumuCsv, type KumuCsvFiles } from './kumu-csv';
import { importKumuJson, serializeKumuJson } from './kumu-json';
import { exportKumuXlsx, importKumuXlsx } from './kumu-xlsx';
import {
  fail,
  guard,
  type ImportedConnection,
  type ImportedElement,
  type ImportedSource,
  type ImportInput,
  type ImportResult,
} from './model';
import { parseNative, serializeNative } from './native';
import { exportXmile } from './xmile';
import { readXmile, xmileSpecsExtra } from './xmile-import';
import { asBytes, decodeText, parseJsonInput } from './text';

/** Every file format Weavemap reads and writes, by id. */
export const FORMATS = {
  weavemap: { name: 'Weavemap (.weavemap.json)', extensions: ['.weavemap.json'] },
  'kumu-json': { name: 'Kumu JSON blueprint', extensions: ['.json'] },
  'kumu-csv': { name: 'Kumu spreadsheet as CSV', extensions: ['.csv', '.tsv', '.txt'] },
  'kumu-xlsx': { name: 'Kumu spreadsheet as Excel', extensions: ['.xlsx'] },
  canvas: { name: 'JSON Canvas (Obsidian)', extensions: ['.canvas'] },
  gexf: { name: 'GEXF (Gephi)', extensions: ['.gexf'] },
  graphml: { name: 'GraphML (yEd, Cytoscape, NetworkX)', extensions: ['.graphml'] },
  xmile: {
    name: 'XMILE (Stella, Vensim, Insight Maker)',
    extensions: ['.xmile', '.stmx', '.itmx'],
  },
} as const;

export type FormatId = keyof typeof FORMATS;

const ALIASES: Record<string, FormatId> = {
  weavemap: 'weavemap',
  native: 'weavemap',
  kumu: 'kumu-json',
  'kumu-json': 'kumu-json',
  json: 'kumu-json',
  csv: 'kumu-csv',
  'kumu-csv': 'kumu-csv',
  xlsx: 'kumu-xlsx',
  excel: 'kumu-xlsx',
  'kumu-xlsx': 'kumu-xlsx',
  canvas: 'canvas',
  'json-canvas': 'canvas',
  jsoncanvas: 'canvas',
  obsidian: 'canvas',
  gexf: 'gexf',
  gephi: 'gexf',
  graphml: 'graphml',
  yed: 'graphml',
  xmile: 'xmile',
  stella: 'xmile',
  stmx: 'xmile',
  vensim: 'xmile',
};

export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

const known = (): string =>
  Object.values(FORMATS)
    .flatMap((f) => f.extensions)
    .join(', ');

/**
 * The format of a file, from its name's extension, or from `override` (a format id or a short
 * name such as `kumu`, `csv`, `obsidian`, `gephi`, `yed`). Throws a `FormatError` that names
 * the formats it knows when it cannot tell.
 */
export function detectFormat(filename: string, override?: string): FormatId {
  if (override !== undefined && override !== '') {
    const id = ALIASES[override.trim().toLowerCase()];
    if (!id)
      throw new FormatError(
        `Unknown format '${override}'. Known formats: ${Object.keys(FORMATS).join(', ')}.`,
      );
    return id;
  }
  const name = filename.toLowerCase();
  if (name.endsWith('.weavemap.json')) return 'weavemap';
  for (const [id, f] of Object.entries(FORMATS) as [FormatId, (typeof FORMATS)[FormatId]][])
    if (f.extensions.some((ext) => name.endsWith(ext))) return id;
  throw new FormatError(
    `Cannot tell the format of '${filename}' from its extension (known: ${known()}). Name the format with --format.`,
  );
}

/** Reads a `.weavemap.json` file into the common intermediate (provenance is not carried). */
export function importNative(input: ImportInput): ImportResult {
  return guard(() => {
    const value = parseJsonInput(input);
    const parsed = parseNative(value);
    if (!parsed.ok) return parsed;
    const split = (row: Record<string, unknown>, spec: RecordSpec) => {
      const { fields, extra } = splitFields(spec, row);
      const { createdBy: _b, createdAt: _c, updatedAt: _u, ...rec } = fields;
      delete extra.createdBy;
      delete extra.createdAt;
      delete extra.updatedAt;
      return { label: '', description: '', tags: [], ...rec, extra };
    };
    const f = parsed.file;
    return {
      ok: true,
      problems: [],
      map: {
        ...(typeof f.meta.title === 'string' ? { title: f.meta.title } : {}),
        elements: f.elements.map((r) => split(r, ELEMENT) as unknown as ImportedElement),
        connections: f.connections.map(
          (r) => split(r, CONNECTION) as unknown as ImportedConnection,
        ),
        sources: f.sources.map((r) => {
          const { extra, ...rest } = split(r, SOURCE);
          return { ...rest, extra } as unknown as ImportedSource;
        }),
        loops: f.loops.map((l) => ({
          signature: String(l.signature),
          name: typeof l.name === 'string' ? l.name : '',
          note: typeof l.note === 'string' ? l.note : '',
          members: Array.isArray(l.members) ? l.members.map(String) : [],
        })),
      },
    };
  });
}

/** Input for CSV: one file (its sheet is told by its header row) or one file per sheet. */
export type FormatInput = ImportInput | KumuCsvFiles;

const isCsvFiles = (v: FormatInput): v is KumuCsvFiles =>
  typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof ArrayBuffer);

/** Reads a file of any known format into the common intermediate. */
export async function importAny(input: FormatInput, format: FormatId): Promise<ImportResult> {
  if (format === 'kumu-csv') {
    if (isCsvFiles(input)) return importKumuCsv(input);
    return guard(() => importKumuCsv({ [guessCsvSheet(input)]: input }));
  }
  if (isCsvFiles(input))
    return fail(`Several files were given, but ${FORMATS[format].name} is one file.`);
  switch (format) {
    case 'weavemap':
      return importNative(input);
    case 'kumu-json': {
      // A `.json` that turns out to be Weavemap's own file is read as one.
      const r = guard(() => {
        const text = decodeText(input);
        return /^\s*\{\s*"format"\s*:\s*"weavemap"/.test(text)
          ? importNative(text)
          : importKumuJson(text);
      });
      return r;
    }
    case 'kumu-xlsx':
      if (typeof input === 'string')
        return fail('An .xlsx workbook must be read as bytes, not text.');
      return importKumuXlsx(asBytes(input));
    case 'canvas':
      return importJsonCanvas(input);
    case 'gexf':
      return importGexf(input);
    case 'graphml':
      return importGraphml(input);
    case 'xmile': {
      // The run settings (start, stop, dt, method) go into the map's meta with the rest.
      const { result, specs } = readXmile(input);
      return result.ok && specs
        ? { ...result, map: { ...result.map, meta: xmileSpecsExtra(specs) } }
        : result;
    }
  }
}

export interface ExportOptions {
  /** Analysis results for GEXF and GraphML (cluster, betweenness, ...). */
  readonly analysis?: AnalysisColumns;
}

/** One written file: `part` names the sheet for CSV (elements, connections, loops), else ''. */
export interface ExportedFile {
  readonly part: string;
  readonly data: string | Uint8Array;
  readonly mimeType: string;
}

export async function exportAny(
  snapshot: MapSnapshot,
  format: FormatId,
  options: ExportOptions = {},
): Promise<ExportedFile[]> {
  switch (format) {
    case 'weavemap':
      return [{ part: '', data: serializeNative(snapshot), mimeType: 'application/json' }];
    case 'kumu-json':
      return [{ part: '', data: serializeKumuJson(snapshot), mimeType: 'application/json' }];
    case 'kumu-csv':
      return Object.entries(exportKumuCsv(snapshot)).map(([part, data]) => ({
        part,
        data,
        mimeType: 'text/csv',
      }));
    case 'kumu-xlsx':
      return [
        {
          part: '',
          data: await exportKumuXlsx(snapshot),
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ];
    case 'canvas':
      return [{ part: '', data: serializeJsonCanvas(snapshot), mimeType: 'application/json' }];
    case 'gexf':
      return [{ part: '', data: exportGexf(snapshot, options), mimeType: 'application/xml' }];
    case 'graphml':
      return [{ part: '', data: exportGraphml(snapshot, options), mimeType: 'application/xml' }];
    case 'xmile':
      return [{ part: '', data: exportXmile(snapshot), mimeType: 'application/xml' }];
  }
}
