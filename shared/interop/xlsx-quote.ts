import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Text cells that a spreadsheet app would take for a number or a formula if someone edited them
 * (`-0.00143`, `=x`, `+`) get the cell style `quotePrefix="1"`: Excel and LibreOffice show the
 * text as typed and keep it text on edit, while the stored value stays the text itself, so
 * readers such as openpyxl and pandas get it unchanged (no literal apostrophe). String cells are
 * never evaluated as formulas in a workbook, so nothing else is needed for safety.
 *
 * write-excel-file has no such style, so the workbook it writes is adjusted here: one cell style
 * is added to `xl/styles.xml` and the plain string cells whose text needs it point at it.
 */

const NUMBER_LIKE = /^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?%?\s*$/;
const FORMULA_LIKE = /^[=+\-@\t\r]/;

/** Whether a text cell is shown with the quote prefix. */
export const needsQuotePrefix = (text: string): boolean =>
  FORMULA_LIKE.test(text) || NUMBER_LIKE.test(text);

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

/** The shared strings of a workbook, in order (rich-text runs joined). */
export function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
  );
}

export function addQuotePrefixes(xlsx: Uint8Array): Uint8Array {
  const files = unzipSync(xlsx);
  const sst = files['xl/sharedStrings.xml'];
  const styles = files['xl/styles.xml'];
  if (!sst || !styles) return xlsx;
  const quoted = new Set<number>();
  sharedStrings(strFromU8(sst)).forEach((s, i) => {
    if (needsQuotePrefix(s)) quoted.add(i);
  });
  if (quoted.size === 0) return xlsx;
  let styleXml = strFromU8(styles);
  const m = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styleXml);
  if (!m) return xlsx;
  const index = Number(m[1]);
  styleXml = styleXml.replace(
    m[0],
    `<cellXfs count="${index + 1}">${m[2]}<xf numFmtId="49" applyNumberFormat="1" quotePrefix="1"></xf></cellXfs>`,
  );
  files['xl/styles.xml'] = strToU8(styleXml);
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]!).replace(
      /<c r="([A-Z]+\d+)" t="s"><v>(\d+)<\/v><\/c>/g,
      (all, ref: string, v: string) =>
        quoted.has(Number(v)) ? `<c r="${ref}" s="${index}" t="s"><v>${v}</v></c>` : all,
    );
    files[name] = strToU8(xml);
  }
  return zipSync(files);
}
