/**
 * JSON parsing for input from the network, bounded before anything recursive touches it:
 * `JSON.parse` and `JSON.stringify` recurse once per nesting level, so a small frame of tens of
 * thousands of `[` overflows the stack. `nestingDepth` scans the raw text without recursion.
 */

/** The deepest nesting of `[` and `{` outside strings, or `limit + 1` as soon as it exceeds `limit`. */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export type BoundedJson = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses `text` if it is at most `maxChars` long and nests at most `maxDepth` levels. */
export function parseBoundedJson(text: string, maxDepth: number, maxChars: number): BoundedJson {
  if (text.length > maxChars) return { ok: false, reason: `longer than ${maxChars} characters` };
  if (nestingDepth(text, maxDepth) > maxDepth)
    return { ok: false, reason: `nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
}
