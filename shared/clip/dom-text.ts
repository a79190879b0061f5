/**
 * Reading the text of a parsed page without serialising it. The page's text, for quote selectors
 * and for spotting a DOI, is the text of every Text node under `<body>` in document order, except
 * the insides of elements that never render as text (script, style, noscript, template). That is
 * `body.textContent` less the code, so offsets do not shift when a page's inline scripts change.
 *
 * The walk indexes `childNodes` instead of following `nextSibling`, which some DOM
 * implementations answer by searching the parent's child list (quadratic on a flat 20k-paragraph
 * body).
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

const NON_TEXT_ELEMENTS = new Set(['script', 'style', 'noscript', 'template']);

export function isSkippedElement(node: Node): boolean {
  return node.nodeType === ELEMENT_NODE && NON_TEXT_ELEMENTS.has((node as Element).localName);
}

export function isTextNode(node: Node): node is Text {
  return node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE;
}

export interface TextVisitor {
  /** Called for each text node; return false to stop the walk. */
  text(node: Text): boolean | void;
  /** Called when an element is entered (skipped elements included, before they are skipped); return false to stop. */
  enter?(node: Node): boolean | void;
  /** Called when an element is left. */
  exit?(node: Node): void;
}

/** Walks the text of `root` in document order, depth first, skipping non-text elements. */
export function walkText(root: Node, visitor: TextVisitor): void {
  const stack: { nodes: NodeListOf<ChildNode>; i: number; parent: Node }[] = [];
  visitor.enter?.(root);
  stack.push({ nodes: root.childNodes, i: 0, parent: root });
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.nodes.length) {
      stack.pop();
      visitor.exit?.(top.parent);
      continue;
    }
    const node = top.nodes[top.i++]!;
    if (isTextNode(node)) {
      if (visitor.text(node) === false) return;
    } else if (node.nodeType === ELEMENT_NODE) {
      if (visitor.enter?.(node) === false) return;
      if (isSkippedElement(node) || node.childNodes.length === 0) {
        visitor.exit?.(node);
      } else {
        stack.push({ nodes: node.childNodes, i: 0, parent: node });
      }
    }
  }
}

/** The root whose text counts as the page's text: `<body>`, else the document element. */
export function textRoot(doc: Document): Node | null {
  return doc.body ?? doc.documentElement;
}

/** The page's text (see the module comment). */
export function pageText(doc: Document): string {
  const root = textRoot(doc);
  if (root === null) return '';
  const parts: string[] = [];
  walkText(root, { text: (n) => void parts.push(n.data) });
  return parts.join('');
}

/** At most about `maxChars` of the page's text from the top, for bounded scans of huge pages. */
export function leadingText(doc: Document, maxChars: number): string {
  const root = textRoot(doc);
  if (root === null) return '';
  const parts: string[] = [];
  let size = 0;
  walkText(root, {
    text: (n) => {
      parts.push(n.data);
      size += n.data.length;
      return size < maxChars;
    },
  });
  return parts.join('').slice(0, maxChars);
}
