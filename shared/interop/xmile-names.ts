import type { Expr } from '../simulation/expr';
import { FUNCTION_NAMES } from '../simulation/expr';
import { modelName } from '../simulation/model-map';

/**
 * Equations between Weavemap's expression language (`shared/simulation/expr.ts`) and XMILE's.
 * XMILE names are case-insensitive, with `_` and space the same; quoted names may hold any
 * character; builtins are upper case by convention; `IF c THEN a ELSE b` is Weavemap's
 * `if_then_else(c, a, b)`.
 */

export const XMILE_NS = 'http://docs.oasis-open.org/xmile/ns/XMILE/v1.0';
export const WEAVEMAP_NS = 'https://weavemap.org/ns/xmile/1';

/** XMILE 1.0 builtins that Weavemap's language has too (by Weavemap name). */
const TO_XMILE: Record<string, string> = {
  min: 'MIN',
  max: 'MAX',
  exp: 'EXP',
  ln: 'LN',
  log10: 'LOG10',
  abs: 'ABS',
  sqrt: 'SQRT',
  sin: 'SIN',
  cos: 'COS',
};

const PREC = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 } as const;
const prec = (x: Expr): number => (x.type === 'bin' ? PREC[x.op] : x.type === 'neg' ? 3 : 5);

/** Writes an equation tree in XMILE syntax. */
export function printXmile(e: Expr): string {
  const wrap = (x: Expr, min: number) => (prec(x) < min ? `(${printXmile(x)})` : printXmile(x));
  switch (e.type) {
    case 'num':
      return String(e.value);
    case 'var':
      return e.name === 'time' ? 'TIME' : e.name === 'dt' ? 'DT' : e.name;
    case 'neg':
      return `-${wrap(e.arg, 3)}`;
    case 'call':
      if (e.fn === 'if_then_else') {
        const [c, a, b] = e.args.map((x) => printXmile(x));
        return `(IF ${c} THEN ${a} ELSE ${b})`;
      }
      return `${TO_XMILE[e.fn]}(${e.args.map(printXmile).join(', ')})`;
    case 'bin':
      if (e.op === '^') return `${wrap(e.a, 5)}^${wrap(e.b, 3)}`;
      return `${wrap(e.a, PREC[e.op])} ${e.op} ${wrap(e.b, PREC[e.op] + 1)}`;
  }
}

/** The canonical form XMILE compares names in: lower case, spaces and `_` runs as one `_`. */
export const canonicalXmileName = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '_');

/**
 * Reads an XMILE equation into Weavemap's language: quoted names and bare names become model
 * names (`modelName`), `TIME`/`DT` stay themselves, builtins keep their (case-insensitive) name,
 * and a whole-equation `IF c THEN a ELSE b` becomes `if_then_else(c, a, b)`. `nameOf` maps an
 * XMILE name (canonical) to its model name. The result may still fail to parse (comparisons,
 * builtins Weavemap lacks): the caller reports that.
 */
export function equationFromXmile(src: string, nameOf: (xmileName: string) => string): string {
  const wrapped = /^\s*\(\s*(IF\s[\s\S]*)\)\s*$/i.exec(src);
  if (wrapped) return equationFromXmile(wrapped[1]!, nameOf);
  const ife = /^\s*IF\s+(.+?)\s+THEN\s+(.+?)\s+ELSE\s+(.+)$/is.exec(src);
  if (ife)
    return `if_then_else(${equationFromXmile(ife[1]!, nameOf)}, ${equationFromXmile(ife[2]!, nameOf)}, ${equationFromXmile(ife[3]!, nameOf)})`;
  const fns = new Set<string>(FUNCTION_NAMES);
  return src.replace(
    /"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)(\s*\()?|(\d+\.?\d*(?:[eE][+-]?\d+)?)/g,
    (whole, quoted: string | undefined, id: string | undefined, call: string | undefined) => {
      if (quoted !== undefined) return nameOf(canonicalXmileName(quoted.replace(/\\(.)/g, '$1')));
      if (id === undefined) return whole;
      if (call !== undefined && fns.has(id.toLowerCase())) return `${id.toLowerCase()}${call}`;
      if (call !== undefined) return whole;
      const lower = id.toLowerCase();
      if (lower === 'time' || lower === 'dt') return lower;
      return nameOf(canonicalXmileName(id));
    },
  );
}

export { modelName };
