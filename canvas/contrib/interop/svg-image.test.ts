import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { conn, el, snap } from '../../editor/test-fixtures';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../editor/theme';
import { mapToSvg } from './svg-image';
import { layoutLegend, legendItems } from './legend';
import { estimateWidth, escapeXml } from './painter';
import { SvgPath } from './svg-path';

const P = LIGHT_PALETTE;

/** Every text node of the document, in order. */
function texts(svg: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (k === '#text') out.push(String(v));
        else if (!k.startsWith('@_')) walk(v);
      }
  };
  walk(new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(svg));
  return out;
}

function valid(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
}

const count = (s: string, part: string): number => s.split(part).length - 1;

describe('mapToSvg', () => {
  it('escapes every label: markup in a label stays text and the document stays well-formed', () => {
    const hostile = '<script>alert("x")</script> & \'q\' \u0001]]>';
    const s = snap(
      [
        el('a', 0, 0, { label: hostile }),
        el('b', 700, 0, { label: 'B <b>bold</b>', kind: 'note' }),
        el('g', 0, 0, { label: 'Frame & "co"', kind: 'group', extra: {} }),
      ],
      [conn('c', 'a', 'b', { label: '</text><script>x</script>' })],
    );
    const { svg } = mapToSvg(s, { palette: P, title: 'Map <"1">' });
    valid(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    const t = texts(svg);
    // Parsed back, the text is exactly what was typed (the control character aside).
    expect(t).toContain('Map <"1">');
    expect(t.some((x) => x.startsWith('</text><script>'))).toBe(true);
    expect(t.some((x) => x.startsWith('<script>'))).toBe(true);
    expect(t).toContain('Frame & "co"');
    expect(escapeXml('a\u0000b\uD800c')).toBe('abc');
  });

  it('draws a legend with the kinds and connection types the map uses, and only those', () => {
    const s = snap(
      [
        el('f1', 0, 0),
        el('f2', 300, 0),
        el('f3', 300, 200),
        el('p', 0, 300, { kind: 'actor', actorType: 'person', label: 'Ana' }),
        el('o', 300, 400, { kind: 'actor', actorType: 'organization', label: 'Council' }),
      ],
      [
        conn('c1', 'f1', 'f2', { polarity: '+' }),
        conn('c2', 'f2', 'f3', { polarity: '-', delay: true }),
        conn('r', 'p', 'o', { kind: 'relationship', polarity: undefined, direction: 'undirected' }),
      ],
    );
    const { svg } = mapToSvg(s, { palette: P });
    valid(svg);
    const t = texts(svg);
    for (const label of [
      'Legend',
      'Factor',
      'Actor: person',
      'Actor: organisation',
      'Causal + (same direction)',
      'Causal − (opposite direction)',
      'Relationship (actors)',
      'Delay',
    ])
      expect(t).toContain(label);
    expect(t).not.toContain('Note');
    expect(t).not.toContain('Intervention');
    expect(t).not.toContain('Proposed introduction');

    const without = mapToSvg(s, { palette: P, legend: false });
    expect(texts(without.svg)).not.toContain('Legend');
    expect(without.height).toBeLessThan(mapToSvg(s, { palette: P }).height);
  });

  it('marks polarity with a + or − sign beside the arrowhead (text, not only colour), as on screen', () => {
    const s = snap(
      [el('a', 0, 0), el('b', 400, 0), el('c', 400, 300), el('d', 0, 300)],
      [
        conn('ab', 'a', 'b', { polarity: '+' }),
        conn('bc', 'b', 'c', { polarity: '+' }),
        conn('cd', 'c', 'd', { polarity: '-' }),
        conn('da', 'd', 'a', { polarity: undefined, direction: 'undirected' }),
      ],
    );
    const { svg } = mapToSvg(s, { palette: P, legend: false });
    valid(svg);
    // Bold signs in the polarity colour on a halo of the background, placed as the screen does.
    const signs = [
      ...svg.matchAll(
        /<text x="([\d.-]+)" y="([\d.-]+)"[^>]*fill="([^"]+)" font-weight="bold"[^>]*stroke="([^"]+)"[^>]*>([^<]+)<\/text>/g,
      ),
    ];
    const plus = signs.filter((m) => m[3] === P.positive && m[5] === '+');
    const minus = signs.filter((m) => m[3] === P.negative && m[5] === '−');
    expect(plus).toHaveLength(2);
    expect(minus).toHaveLength(1);
    expect(signs.every((m) => m[4] === P.bg)).toBe(true);
    // The + of a → b sits beside the line just before b (b's box starts left of x = 400).
    expect(
      plus.some((m) => Number(m[1]) > 250 && Number(m[1]) < 400 && Math.abs(Number(m[2])) < 30),
    ).toBe(true);
    // Arrowheads: filled paths in the line's colour, one per directed connection.
    expect(count(svg, `fill="${P.positive}"/>`)).toBe(2);
    expect(count(svg, `fill="${P.negative}"/>`)).toBe(1);
    expect(count(svg, `fill="${P.causal}"/>`)).toBe(0);
  });

  it('wraps labels as the screen does: whole, on up to three lines, inside their boxes', () => {
    const label = 'Eviction protection for families with children';
    const s = snap([el('a', 0, 0, { label })]);
    const { svg } = mapToSvg(s, { palette: P, legend: false });
    const lines = texts(svg).filter((t) => t.length > 1 && label.includes(t));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.join(' ')).toBe(label);
  });

  it('draws a delay mark across the line and dashes proposed introductions', () => {
    const s = snap(
      [
        el('a', 0, 0),
        el('b', 400, 0),
        el('p', 0, 200, { kind: 'actor', actorType: 'person' }),
        el('q', 400, 200, { kind: 'actor', actorType: 'person' }),
      ],
      [
        conn('ab', 'a', 'b', { polarity: '+', delay: true }),
        conn('pq', 'p', 'q', { kind: 'relationship', polarity: undefined, proposed: true }),
      ],
    );
    const { svg } = mapToSvg(s, { palette: P, legend: false });
    const line = new RegExp(
      `<path d="([^"]+)" fill="none" stroke="${P.positive}" stroke-width="1.6"`,
    ).exec(svg);
    // The line itself, then two strokes across it.
    expect(count(line![1]!, 'M')).toBe(3);
    expect(svg).toContain('stroke-dasharray="6 5"');
  });

  it('draws a weighted connection wider (weight 4: twice the width)', () => {
    const s = snap(
      [el('a', 0, 0), el('b', 400, 0), el('c', 0, 300), el('d', 400, 300)],
      [conn('ab', 'a', 'b', { polarity: '+', weight: 4 }), conn('cd', 'c', 'd', { polarity: '+' })],
    );
    const { svg } = mapToSvg(s, { palette: P, legend: false });
    const stroke = new RegExp(`fill="none" stroke="${P.positive}" stroke-width="([\\d.]+)"`, 'g');
    const widths = [...svg.matchAll(stroke)].map((m) => Number(m[1]));
    // One line at the base width, one at twice it.
    expect(widths.sort()).toEqual([1.6, 3.2]);
  });

  it('draws only what is in the current view, at the given zoom and scale', () => {
    const s = snap([
      el('in', 0, 0, { label: 'Inside' }),
      el('out', 5000, 5000, { label: 'Far away' }),
    ]);
    const view = { x: -200, y: -100, width: 400, height: 200 };
    const img = mapToSvg(s, {
      palette: DARK_PALETTE,
      rect: view,
      zoom: 2,
      scale: 4,
      legend: false,
    });
    valid(img.svg);
    expect(img.elements).toBe(1);
    expect(img.width).toBe(800);
    expect(img.height).toBe(400);
    expect(img.svg).toContain('width="3200" height="1600" viewBox="0 0 800 400"');
    expect(img.svg).toContain(`fill="${DARK_PALETTE.bg}"`);
    const t = texts(img.svg);
    expect(t).toContain('Inside');
    expect(t).not.toContain('Far away');

    const all = mapToSvg(s, { palette: P, legend: false });
    expect(all.elements).toBe(2);
    expect(texts(all.svg)).toContain('Far away');
  });

  it('writes an empty map as a valid, small document', () => {
    const img = mapToSvg(snap([]), { palette: P });
    valid(img.svg);
    expect(img.elements).toBe(0);
    expect(texts(img.svg)).not.toContain('Legend');
  });
});

describe('legend layout', () => {
  it('wraps into rows when the image is narrow and keeps one row when it is wide', () => {
    const s = snap(
      [
        el('a', 0, 0),
        el('b', 0, 0, { kind: 'intervention' }),
        el('c', 0, 0, { kind: 'note' }),
        el('d', 0, 0, { kind: 'actor', actorType: 'community' }),
      ],
      [conn('x', 'a', 'b', { polarity: '+' })],
    );
    const items = legendItems(s);
    expect(items.map((i) => i.key)).toEqual([
      'factor',
      'intervention',
      'note',
      'community',
      'positive',
    ]);
    const wide = layoutLegend(items, 3000, estimateWidth);
    const narrow = layoutLegend(items, 300, estimateWidth);
    expect(new Set(wide.entries.map((e) => e.y)).size).toBe(1);
    expect(new Set(narrow.entries.map((e) => e.y)).size).toBeGreaterThan(2);
    expect(narrow.height).toBeGreaterThan(wide.height);
    for (const e of narrow.entries) expect(e.x).toBeLessThan(300);
  });
});

describe('SvgPath', () => {
  it('turns canvas arcs into SVG arcs: corners of a rounded box sweep clockwise', () => {
    const p = new SvgPath();
    p.moveTo(10, 0);
    p.arcTo(100, 0, 100, 50, 10);
    expect(p.d).toBe('M10 0L90 0A10 10 0 0 1 100 10');
    const q = new SvgPath();
    q.moveTo(10, 0);
    q.arcTo(10, 50, 60, 50, 10); // down, then left-to-right: a counter-clockwise corner
    expect(q.d).toBe('M10 0L10 40A10 10 0 0 0 20 50');
  });

  it('draws a full circle as two half arcs', () => {
    const p = new SvgPath();
    p.moveTo(15, 10);
    p.arc(10, 10, 5, 0, Math.PI * 2);
    expect(p.d).toBe('M15 10A5 5 0 0 1 5 10A5 5 0 0 1 15 10');
  });
});
