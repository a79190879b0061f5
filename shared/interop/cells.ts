/**
 * Spreadsheet formula injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return can be run as a formula by Excel, LibreOffice or Google Sheets. Exports prefix
 * such text with `'` (which spreadsheets show as text and hide); imports remove one leading `'`
 * before such a character. Text that already starts with `'` before one of them gets a second
 * `'`, so every text round-trips exactly: `=x` -> `'=x` -> `=x`, `'=x` -> `''=x` -> `'=x`.
 * Only text is escaped: numbers are written as numbers.
 */

const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

export function escapeCell(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `'${text}` : text;
}

export function unescapeCell(text: string): string {
  return ESCAPED.test(text) ? text.slice(1) : text;
}

/**
 * For workbooks, where a text cell is never run as a formula (see `xlsx-quote.ts`): text is
 * written as is, except that text already starting with `'` before one of those characters
 * gets one more `'`, so that `unescapeCell` (which reads older exports) gives it back exactly.
 */
export function escapeWorkbookText(text: string): string {
  return ESCAPED.test(text) ? `'${text}` : text;
}
