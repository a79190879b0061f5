/** Plain-text layout for command output: wrapped lines, tables, headings, safe labels. */

/** Widest a label gets in a table column or a list line. */
export const LABEL_WIDTH = 40;
export const LINE_WIDTH = 100;

/**
 * Control characters (C0, DEL, C1) and bidirectional overrides: a label from a shared map
 * must not move the cursor, recolour or reorder the researcher's terminal.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function short(label: string, max = LABEL_WIDTH): string {
  const clean = oneLine(label) || '(no label)';
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export const fmtInt = (n: number): string => n.toLocaleString('en-US');
export const fmt3 = (v: number | null): string => (v === null ? '-' : v.toFixed(3));
export const count = (n: number, one: string, many = `${one}s`): string =>
  `${fmtInt(n)} ${n === 1 ? one : many}`;

/** A sentence from an explanation fragment: capital first, full stop last. */
export function sentence(text: string): string {
  const t = oneLine(text);
  if (!t) return t;
  const s = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}

/** Greedy word wrap, at most `width` columns, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent: string, first = indent): string[] {
  const words = oneLine(text).split(' ');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Pieces joined on one line while they fit, then on the next (for loop chains). */
export function wrapPieces(pieces: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const piece of pieces) {
    if (line.length > indent.length && line.length + piece.length > width) {
      lines.push(line.trimEnd());
      line = indent + piece.trimStart();
    } else line += piece;
  }
  lines.push(line.trimEnd());
  return lines;
}

export interface Column {
  readonly title: string;
  readonly right?: boolean;
}

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function table(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  indent = '  ',
): string[] {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    (
      indent +
      cells
        .map((cell, i) => (columns[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
    ).trimEnd();
  return [
    line(columns.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

export function heading(title: string): string[] {
  return ['', title, '='.repeat(title.length)];
}

export function subheading(title: string): string[] {
  return ['', title, '-'.repeat(title.length)];
}

/** "... and 12 more (--top N to show more, --json for everything)." */
export function leftOver(total: number, shown: number, what: string): string[] {
  if (total <= shown) return [];
  return [
    `  ... and ${fmtInt(total - shown)} more ${what} (--top N to show more, --json for all).`,
  ];
}
