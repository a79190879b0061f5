import { describe, expect, it } from 'vitest';
import { rankLeverage } from './leverage';
import { findLoops } from './loops';
import { causal, element } from './random-maps';

/**
 * Issue 14: a leverage explanation is about the element (its loops, their type, what a push on
 * it does) and a suggested Meadows level comes from the element's role, not only its loop type.
 */
function schoolMap() {
  return {
    elements: [
      element('rules', 'factor', 'Attendance rules'),
      element('absence', 'factor', 'Absence'),
      element('hours', 'factor', 'Library opening hours'),
      element('reading', 'factor', 'Reading skills'),
      element('trust', 'factor', 'Trust in schools'),
      element('alone', 'factor', 'Weather'),
      element('info', 'factor', 'Parents', {
        description: 'Information parents get about progress',
      }),
    ],
    connections: [
      // B1: more absence, stricter rules, less absence.
      causal('c1', 'absence', 'rules', '+'),
      causal('c2', 'rules', 'absence', '-'),
      // R1: reading and trust grow together.
      causal('c3', 'reading', 'trust', '+'),
      causal('c4', 'trust', 'reading', '+'),
      causal('c5', 'hours', 'reading', '+'),
      causal('c6', 'info', 'trust', '+'),
      causal('c7', 'absence', 'reading', '-'),
    ],
  };
}

describe('leverage explanations', () => {
  const m = schoolMap();
  const ranked = rankLeverage(m, findLoops(m), {
    loopNames: new Map([['c3 c4', 'Confidence grows']]),
  });
  const of = (id: string) => ranked.find((c) => c.elementId === id)!;

  it('suggests level 5 for a rule in a balancing loop (not 8, the loop type’s level)', () => {
    const rules = of('rules');
    expect(rules).toMatchObject({ level: 5, levelSource: 'suggested' });
    expect(rules.explanation).toBe(
      "in 1 loop: B1 (balancing, with 'Absence'); " +
        'a push on it is resisted by B1, which pulls it back toward where it was unless the loop itself changes; ' +
        // Absence, then Reading skills, then Trust in schools: 3 factors within 3 steps.
        "raising it directly lowers 'Absence'; reaches 3 factors within 3 steps; " +
        'suggested Meadows level 5 (rules of the system), because its words make it a rule or policy; ' +
        "a suggestion, not the group's choice",
    );
  });

  it('reads the role from the description and tags too, and parameters as level 12', () => {
    expect(of('info')).toMatchObject({ level: 6, levelSource: 'suggested' });
    expect(of('hours')).toMatchObject({ level: 12, levelSource: 'suggested' });
    expect(of('hours').explanation).toMatch(
      /^in no feedback loop: a push on it does not come back to it; raising it directly raises 'Reading skills';/,
    );
  });

  it('falls back on the loop type, naming the loop, and suggests nothing without a reason', () => {
    const trust = of('trust');
    expect(trust).toMatchObject({ level: 7, levelSource: 'suggested' });
    expect(trust.explanation).toContain(
      "in 1 loop: R1 'Confidence grows' (reinforcing, with 'Reading skills')",
    );
    expect(trust.explanation).toContain(
      "a push on it comes back stronger around R1 'Confidence grows': raising it feeds more growth",
    );
    expect(trust.explanation).toContain(
      "because it sits in reinforcing loop R1 'Confidence grows', whose gain decides how fast the spiral runs",
    );
    // Absence drives both ways: up the rules, down the reading.
    expect(of('absence').explanation).toContain(
      "raising it directly raises 'Attendance rules' and lowers 'Reading skills'",
    );
    // "Weather" is in no causal link: not a candidate. A tag the group chose is never overridden.
    expect(ranked.some((c) => c.elementId === 'alone')).toBe(false);
    const tagged = rankLeverage(
      {
        ...m,
        elements: m.elements.map((e) => (e.id === 'rules' ? { ...e, leverageLevel: 8 } : e)),
      },
      findLoops(m),
    ).find((c) => c.elementId === 'rules')!;
    expect(tagged).toMatchObject({ level: 8, levelSource: 'tagged' });
    expect(tagged.explanation).not.toContain('suggested');
  });
});
