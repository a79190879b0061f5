import { ImportRefused, MAX_IMPORT_BYTES, type ImportInput } from './model';

/**
 * Turns an imported file into text: refuses files over `MAX_IMPORT_BYTES` before reading them,
 * honours a UTF-8 or UTF-16 byte-order mark (Excel's "Unicode text" is UTF-16LE), and refuses
 * bytes that are not valid UTF-8 instead of silently replacing them.
 */

export function byteLength(input: ImportInput): number {
  if (typeof input === 'string') return input.length; // a lower bound; checked again below
  return input.byteLength;
}

export function checkSize(input: ImportInput, limit = MAX_IMPORT_BYTES): void {
  const size =
    typeof input === 'string'
      ? input.length > limit / 3
        ? new TextEncoder().encode(input).length
        : input.length
      : input.byteLength;
  if (size > limit)
    throw new ImportRefused(
      `The file is too large (${(size / 1024 / 1024).toFixed(1)} MB; at most ${limit / 1024 / 1024} MB).`,
    );
}

export function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Only called after a fatal decode failed: find the offset to name it.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}

export function decodeText(input: ImportInput, limit = MAX_IMPORT_BYTES): string {
  checkSize(input, limit);
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const bytes = asBytes(input);
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    throw new ImportRefused(
      `The file is not valid UTF-8 text (bad byte at offset ${at}). Save it as UTF-8 and try again.`,
      'encoding',
    );
  }
}

/** An imported file parsed as JSON, or refused (inside `guard`) with a sentence saying why. */
export function parseJsonInput(input: ImportInput): unknown {
  const text = decodeText(input);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ImportRefused(`This is not valid JSON (${(e as Error).message}).`);
  }
}
