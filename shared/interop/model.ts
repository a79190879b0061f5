import type { NewConnection } from '../domain/connections';
import type { NewElement } from '../domain/elements';
import type { NewSource } from '../domain/sources';
import type { ImportProblem } from './native';

export type { ImportProblem } from './native';

/**
 * The common intermediate every importer produces: plain records with ids, already checked
 * against the schema validators and with every connection end resolved to an element id of this
 * map. `applyImport` writes it into a document in one transaction.
 */
export interface ImportedElement extends NewElement {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly extra: Readonly<Record<string, unknown>>;
  /** Fields the file left blank: a merge keeps the map's value for them (as Kumu does). */
  readonly unset?: readonly string[];
}

export interface ImportedConnection extends NewConnection {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly extra: Readonly<Record<string, unknown>>;
  /** Fields the file left blank: a merge keeps the map's value for them. */
  readonly unset?: readonly string[];
}

export type ImportedSource = NewSource & { readonly id: string };

export interface ImportedLoop {
  /** The loop's canonical signature (connection ids in loop order), see `loopSignature`. */
  readonly signature: string;
  readonly name: string;
  readonly note: string;
  readonly members: readonly string[];
}

export interface ImportedMap {
  readonly title?: string;
  /** Map-level custom fields the file carries (XMILE's run settings, `sim.*`), written to meta. */
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly elements: readonly ImportedElement[];
  readonly connections: readonly ImportedConnection[];
  readonly sources: readonly ImportedSource[];
  readonly loops: readonly ImportedLoop[];
}

/** `problems` holds warnings when ok (things skipped or adapted), every problem when not. */
export type ImportResult =
  | { readonly ok: true; readonly map: ImportedMap; readonly problems: readonly ImportProblem[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/** Files larger than this are refused before any parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** What an importer accepts: text, or the file's bytes (decoded as UTF-8/UTF-16 by BOM). */
export type ImportInput = string | Uint8Array | ArrayBuffer;

export const fail = (message: string, field = '', where = ''): ImportResult => ({
  ok: false,
  problems: [{ where, field, message }],
});

/** One problem as a sentence, e.g. `Connections row 14: Connection to 'Youth Council', which no element has.` */
export function formatProblem(p: ImportProblem): string {
  return p.where ? `${p.where}: ${p.message}` : p.message;
}

/** Thrown inside parsers to refuse a whole file; importers turn it into `{ ok: false }`. */
export class ImportRefused extends Error {
  readonly problem: ImportProblem;
  constructor(message: string, field = '', where = '') {
    super(message);
    this.name = 'ImportRefused';
    this.problem = { where, field, message };
  }
}

/** Runs a parser, turning an `ImportRefused` into a failed result (other errors propagate). */
export function guard(parse: () => ImportResult): ImportResult {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ImportRefused) return { ok: false, problems: [e.problem] };
    throw e;
  }
}

export async function guardAsync(parse: () => Promise<ImportResult>): Promise<ImportResult> {
  try {
    return await parse();
  } catch (e) {
    if (e instanceof ImportRefused) return { ok: false, problems: [e.problem] };
    throw e;
  }
}
