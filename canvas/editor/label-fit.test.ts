import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateWidth,
  fitLabel,
  LABEL_LINE_HEIGHT,
  labelInset,
  MAX_BOX_WIDTH,
  MAX_LABEL_LINES,
  wrapLines,
} from './label-fit';
import { shapeSpecFor } from './shapes';

const factor = shapeSpecFor({ kind: 'factor' });
const intervention = shapeSpecFor({ kind: 'intervention' });
const actor = shapeSpecFor({ kind: 'actor', actorType: 'person' });
/** Wider than the estimate: a measure with wide glyphs (the worst case for fitting). */
const wide = (t: string): number => t.length * 8;

describe('wrapLines', () => {
  it('breaks between words, at most maxLines, cutting only what cannot fit', () => {
    const r = wrapLines('one two three four five six', 60, 3, wide);
    expect(r.lines).toEqual(['one two', 'three', 'four f…']);
    expect(r.cut).toBe(true);
    const whole = wrapLines('one two three', 60, 3, wide);
    expect(whole).toEqual({ lines: ['one two', 'three'], cut: false });
  });

  it('cuts a single word wider than the line', () => {
    const r = wrapLines('Supercalifragilistic', 80, 3, wide);
    expect(r.cut).toBe(true);
    expect(r.lines).toHaveLength(1);
    expect(wide(r.lines[0]!)).toBeLessThanOrEqual(80);
    expect(r.lines[0]!.endsWith('…')).toBe(true);
  });
});

describe('fitLabel: labels that fit at 100%', () => {
  it('keeps the kind size for a short label and grows for a long one', () => {
    expect(fitLabel(factor, 'Family stress', estimateWidth)).toMatchObject({
      width: factor.width,
      height: factor.height,
      lines: ['Family stress'],
    });
    const long = fitLabel(factor, 'Children entering kindergarten ready to learn', estimateWidth);
    expect(long.lines.join(' ')).toBe('Children entering kindergarten ready to learn');
    expect(long.lines.length).toBeGreaterThan(1);
    expect(long.width).toBeGreaterThan(factor.width);
    expect(long.width).toBeLessThanOrEqual(MAX_BOX_WIDTH);
    expect(long.height).toBeGreaterThanOrEqual(long.lines.length * LABEL_LINE_HEIGHT);
  });

  it('never cuts a label of up to 40 characters, and its lines fit inside the box', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    const label = fc
      .array(word, { minLength: 1, maxLength: 8 })
      .map((ws) => ws.join(' '))
      .filter((t) => t.length <= 40);
    for (const spec of [factor, intervention]) {
      for (const measure of [estimateWidth, wide]) {
        fc.assert(
          fc.property(label, (text) => {
            const fit = fitLabel(spec, text, measure);
            expect(fit.lines.join(' ')).toBe(text);
            expect(fit.lines.length).toBeLessThanOrEqual(MAX_LABEL_LINES);
            for (const l of fit.lines)
              expect(measure(l)).toBeLessThanOrEqual(fit.width - labelInset(spec));
            expect(fit.lines.length * LABEL_LINE_HEIGHT).toBeLessThanOrEqual(fit.height);
          }),
          { numRuns: 200 },
        );
      }
    }
  });

  it('wraps an actor label under it on up to three lines, whole up to 40 characters', () => {
    const fit = fitLabel(actor, 'Child care and Head Start providers', wide);
    expect(fit.width).toBe(actor.width);
    expect(fit.lines.join(' ')).toBe('Child care and Head Start providers');
    expect(fit.lines.length).toBeLessThanOrEqual(3);
  });

  it('cuts only what no box could hold, on the last of three lines', () => {
    const text = 'word '.repeat(60).trim();
    const fit = fitLabel(factor, text, wide);
    expect(fit.lines).toHaveLength(MAX_LABEL_LINES);
    expect(fit.lines[2]!.endsWith('…')).toBe(true);
    expect(fit.width).toBeLessThanOrEqual(MAX_BOX_WIDTH);
  });
});
