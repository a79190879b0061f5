import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportRefused, type ImportInput } from './model';
import { decodeText } from './text';

/**
 * Safe XML reading for GEXF and GraphML, and escaping for writing them.
 *
 * Reading refuses, before any parsing, a document that declares a DOCTYPE or an ENTITY or uses
 * XInclude: so an entity-expansion bomb ("billion laughs") or an external entity (XXE) does
 * nothing at all, and nothing is ever fetched. The rest is parsed by fast-xml-parser, which does
 * not fetch anything either; well-formedness errors are reported with their line.
 */

export type XmlNode = Record<string, unknown>;

const FORBIDDEN: readonly [RegExp, string][] = [
  [/<!DOCTYPE/i, 'a DOCTYPE declaration'],
  [/<!ENTITY/i, 'an ENTITY declaration'],
  [/http:\/\/www\.w3\.org\/2001\/XInclude/i, 'XInclude (a reference to another file)'],
];

export function assertSafeXml(text: string): void {
  for (const [re, what] of FORBIDDEN)
    if (re.test(text))
      throw new ImportRefused(
        `This file was refused: it contains ${what}. Weavemap never expands entities or follows references inside XML files; export the file again without it.`,
        'xml',
      );
}

const LISTS = new Set([
  'node',
  'edge',
  'attvalue',
  'attribute',
  'attributes',
  'data',
  'key',
  'graph',
  'nodes',
  'edges',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  alwaysCreateTextNode: true,
  textNodeName: '#text',
  isArray: (name) => LISTS.has(name),
});

/** Parses an XML file into plain objects: attributes as `@name`, text as `#text`, no prefixes. */
export function parseXml(input: ImportInput): XmlNode {
  const text = decodeText(input);
  assertSafeXml(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new ImportRefused(
      `This is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`,
      'xml',
      `line ${valid.err.line}`,
    );
  return parser.parse(text) as XmlNode;
}

export const isNode = (v: unknown): v is XmlNode =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Child elements by name, always as a list. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter(isNode);
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

export function textOf(node: XmlNode | undefined): string {
  const v = node?.['#text'];
  return typeof v === 'string' ? v : '';
}

// Characters XML 1.0 cannot hold at all (even escaped): dropped on export.
const INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESC: Record<string, string> = {
  ...TEXT_ESC,
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** Escapes text for an element's content. */
export const escText = (s: string): string =>
  s.replace(INVALID, '').replace(/[&<>]/g, (c) => TEXT_ESC[c]!);

/** Escapes text for a double-quoted attribute (newlines kept as character references). */
export const escAttr = (s: string): string =>
  s.replace(INVALID, '').replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESC[c]!);

/** A number as XML text: finite, no exponent surprises for small values. */
export const num = (n: number): string => (Number.isFinite(n) ? String(n) : '0');
