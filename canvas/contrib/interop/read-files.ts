import {
  detectFormat,
  FORMATS,
  FormatError,
  guessCsvSheet,
  importAny,
  MAX_IMPORT_BYTES,
  type FormatId,
  type ImportResult,
  type KumuCsvFiles,
} from '../../../shared/interop/index';

/**
 * Reading dropped or chosen files into an import: sizes checked before a byte is read, the
 * format told by the name, bytes read in chunks (for progress), then the format's importer.
 * Runs in the import worker (and in Node for tests): no DOM beyond `Blob`.
 */

export interface NamedBlob {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface ReadOutcome {
  /** The format the files were read as, when it could be told. */
  readonly format?: FormatId;
  readonly formatName?: string;
  readonly result: ImportResult;
}

export type Progress = (stage: string, fraction?: number) => void;

const MB = 1024 * 1024;

export function sizeText(bytes: number): string {
  return bytes >= MB
    ? `${(bytes / MB).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const refuse = (message: string, format?: FormatId): ReadOutcome => ({
  ...(format ? { format, formatName: FORMATS[format].name } : {}),
  result: { ok: false, problems: [{ where: '', field: '', message }] },
});

/** Reads a blob's bytes in chunks, reporting the share read; refuses one that grows past `limit`. */
export async function readBytes(
  blob: NamedBlob,
  onProgress: (fraction: number) => void = () => undefined,
  limit = MAX_IMPORT_BYTES,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let read = 0;
  let reported = 0;
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > limit) {
      await reader.cancel();
      throw new RangeError(`“${blob.name}” is larger than ${sizeText(limit)}.`);
    }
    chunks.push(value);
    const fraction = blob.size ? read / blob.size : 1;
    if (fraction - reported >= 0.05) {
      reported = fraction;
      onProgress(Math.min(1, fraction));
    }
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(read);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Reads one file (any format Weavemap knows), or several CSV files of one Kumu spreadsheet
 * (elements, connections, loops: each told by its header row).
 */
export async function readImportFiles(
  files: readonly NamedBlob[],
  onProgress: Progress = () => undefined,
  limit = MAX_IMPORT_BYTES,
): Promise<ReadOutcome> {
  if (files.length === 0) return refuse('No file was given.');
  for (const f of files)
    if (f.size > limit)
      return refuse(
        `“${f.name}” is ${sizeText(f.size)}: Weavemap imports files up to ${sizeText(limit)}. Split it, or remove columns it does not need.`,
      );
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > limit)
    return refuse(
      `These files are ${sizeText(total)} together: Weavemap imports up to ${sizeText(limit)} at once.`,
    );
  let format: FormatId;
  try {
    const formats = files.map((f) => detectFormat(f.name));
    format = formats[0]!;
    if (formats.some((x) => x !== format))
      return refuse(
        `These files are in different formats (${files.map((f) => f.name).join(', ')}): import one map at a time.`,
      );
  } catch (e) {
    if (e instanceof FormatError)
      return refuse(e.message.replace(' Name the format with --format.', ''));
    throw e;
  }
  if (files.length > 1 && format !== 'kumu-csv')
    return refuse(
      `Only CSV files come in several at once (one per sheet). Drop one ${FORMATS[format].name} file.`,
      format,
    );

  const name = FORMATS[format].name;
  const bytes: Uint8Array[] = [];
  let done = 0;
  for (const f of files) {
    const before = done;
    try {
      bytes.push(
        await readBytes(
          f,
          (share) =>
            onProgress(`Reading ${f.name}…`, total ? (before + share * f.size) / total : 1),
          limit,
        ),
      );
    } catch (e) {
      return refuse(
        e instanceof RangeError ? e.message : `“${f.name}” could not be read: ${String(e)}`,
        format,
      );
    }
    done += f.size;
  }
  onProgress(`Reading the ${name}…`);
  let result: ImportResult;
  if (format === 'kumu-csv' && bytes.length > 1) {
    const sheets: { elements?: Uint8Array; connections?: Uint8Array; loops?: Uint8Array } = {};
    for (let i = 0; i < bytes.length; i++) {
      const sheet = guessCsvSheet(bytes[i]!);
      if (sheets[sheet])
        return refuse(
          `Two of these files hold the ${sheet} sheet (${files[i]!.name} is one): drop one file per sheet.`,
          format,
        );
      sheets[sheet] = bytes[i]!;
    }
    result = await importAny(sheets as KumuCsvFiles, format);
  } else result = await importAny(bytes[0]!, format);
  return { format, formatName: name, result };
}
