import { describe, expect, it } from 'vitest';
import { applyNative, parseNative } from '../interop/native';
import { testContext } from '../domain/test-context';
import { readSnapshot } from '../schema/snapshot';
import { workshopMap30 } from '../examples/workshop-30';
import { mapSvg, wrapLabel } from './svg';

function workshop() {
  const parsed = parseNative(workshopMap30());
  if (!parsed.ok) throw new Error('does not parse');
  const ctx = testContext('ana');
  applyNative(ctx, parsed.file);
  return readSnapshot(ctx.doc);
}

describe('the report map without a browser draws by the screen rules', () => {
  it('puts a + or − sign beside each signed arrowhead, in the colour-blind-safe palette', () => {
    const map = workshop();
    const svg = mapSvg(map);
    const signs = [...svg.matchAll(/class="sign" style="fill:(#[0-9a-f]{6})">([+−])</g)];
    const signed = [...map.connections.values()].filter(
      (c) => c.kind === 'causal' && (c.polarity === '+' || c.polarity === '-'),
    );
    expect(signs).toHaveLength(signed.length);
    for (const [, color, sign] of signs) expect(color).toBe(sign === '+' ? '#0a66c2' : '#c4460b');
    expect(svg).not.toContain('#1a73e8');
    expect(svg).toContain('marker-end="url(#wm-arrow-c4460b)"');
  });

  it('wraps labels whole on up to three lines, inside boxes that grow to hold them', () => {
    const map = workshop();
    const svg = mapSvg(map);
    const rects = [
      ...svg.matchAll(
        /<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" rx="8"/g,
      ),
    ];
    const lines = [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)" class="lbl">([^<]*)</g)];
    // Every factor's whole label is drawn (workshop labels are under 40 characters).
    const factors = [...map.elements.values()].filter((e) => e.kind === 'factor');
    const drawn = lines.map((m) => m[3]!.replace(/&amp;/g, '&')).join(' ');
    for (const f of factors) expect(drawn).toContain(f.label.split(' ')[0]!);
    expect(drawn).not.toContain('…');
    // Each line inside a factor box sits within that box, with its estimated width.
    for (const [, x, y, text] of lines) {
      const box = rects.find(
        (r) =>
          Number(x) > Number(r[1]) &&
          Number(x) < Number(r[1]) + Number(r[3]) &&
          Number(y) > Number(r[2]) &&
          Number(y) < Number(r[2]) + Number(r[4]),
      );
      if (!box) continue; // an actor's label, under its circle
      const half = ([...text!].length * 13 * 0.6) / 2;
      expect(Number(x) - half).toBeGreaterThanOrEqual(Number(box[1]));
      expect(Number(x) + half).toBeLessThanOrEqual(Number(box[1]) + Number(box[3]));
    }
  });

  it('never lets a long label overflow: three lines at most, the last one ended with …', () => {
    const long = 'A very long label that a group wrote in a hurry about many things at once';
    const lines = wrapLabel(long, 120);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    for (const l of lines) expect([...l].length * 13 * 0.6).toBeLessThanOrEqual(120);
    expect(wrapLabel('Rents', 120)).toEqual(['Rents']);
  });
});
