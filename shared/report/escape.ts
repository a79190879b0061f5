/** Text in HTML: every user or clipped string goes through this (it is data, never markup). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Characters XML 1.0 cannot hold at all (controls other than tab and newlines, lone surrogates). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\uD800-\uDFFF]/gu;

/**
 * Text safe in XML (SVG) content and in double- or single-quoted attribute values: what XML
 * cannot hold is dropped, the rest escaped as for HTML.
 */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

/** The URL if it is an absolute http(s) URL, else undefined (nothing else is ever linked). */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text in Markdown: characters that could start inline markup (emphasis, code, links, HTML,
 * entities, tables) are backslash-escaped, a line-start marker (heading, list, quote) is escaped
 * too, and line breaks become spaces, so a label stays one line of plain text wherever it goes.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\`*_[\]<>|~&])/g, '\\$1')
    .replace(/^(\s*)([#+\->=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A URL as a Markdown link target: only http(s), with spaces and parentheses percent-encoded. */
export function markdownUrl(value: string | undefined): string | undefined {
  const url = httpUrl(value);
  return url?.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
