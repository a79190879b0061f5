/** The session report: HTML (self-contained, printable) and Markdown, from a map and a session. */
export type * from './model';
export { buildReport, formatCitation } from './model';
export { reportHtml, REPORT_SECTIONS, type HtmlReportOptions } from './html';
export { reportMarkdown, type MarkdownReportOptions } from './markdown';
export { mapSvg, type MapSvgOptions } from './svg';
export { escapeHtml, escapeMarkdown, httpUrl } from './escape';
