import { readFile, stat } from 'node:fs/promises';
import * as Y from 'yjs';
import { applyNative, parseNative } from '../../../shared/interop/native';

/** 64 MiB: a map far larger than any session's, still readable in one go. */
export const MAX_MAP_FILE_BYTES = 64 * 1024 * 1024;

/** An exported map read back: a fresh document holding it, and the file's parsed JSON. */
export interface MapFile {
  readonly doc: Y.Doc;
  readonly value: Readonly<Record<string, unknown>>;
}

/**
 * Reads a `.weavemap.json` (as "Export map" writes it) into a fresh Y.Doc: the map, and the
 * facilitation state and perspectives when the file has them. Every failure (missing file,
 * too large, not JSON, not a valid native map) is an Error whose message says what is wrong
 * in plain words, for the CLI to print as it is.
 */
export async function readMapFile(file: string, origin: string): Promise<MapFile> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new Error(`${file} is a folder, not a .weavemap.json file.`);
    if (info.size > MAX_MAP_FILE_BYTES)
      throw new Error(`${file} is larger than ${MAX_MAP_FILE_BYTES / 1024 / 1024} MiB.`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`No such file: ${file}`, { cause: error });
    if (code === 'EACCES') throw new Error(`Not allowed to read ${file}.`, { cause: error });
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: is it a .weavemap.json export?`, { cause: error });
  }
  const parsed = parseNative(value);
  if (!parsed.ok) {
    const lines = parsed.problems
      .slice(0, 10)
      .map((p) => `  ${[p.where, p.field].filter(Boolean).join(' ')}: ${p.message}`);
    const more =
      parsed.problems.length > 10 ? `\n  ... and ${parsed.problems.length - 10} more` : '';
    throw new Error(`${file} cannot be read as a Weavemap map:\n${lines.join('\n')}${more}`);
  }
  const doc = new Y.Doc();
  applyNative({ doc, origin, userId: origin }, parsed.file);
  return { doc, value: value as Record<string, unknown> };
}
