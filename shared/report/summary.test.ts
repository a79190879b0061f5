import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../schema/snapshot';
import { readSessionSnapshot } from '../session/index';
import { buildReport, reportHtml, reportMarkdown } from './index';
import { summarize } from './summary';
import { CATEGORY_COLOR_NAMES, CATEGORY_COLORS } from '../analysis/cluster-colors';
import { exampleSessionDoc, HOSTILE_LABEL } from './testing';

function model() {
  const { doc } = exampleSessionDoc();
  return buildReport({
    map: readSnapshot(doc),
    session: readSessionSnapshot(doc),
    generatedAt: new Date('2024-06-03T12:00:00Z'),
  });
}

describe('the report summary', () => {
  it('comes first: the question, who took part, top loops, voted leverage, actions', () => {
    const m = model();
    const s = summarize(m);
    expect(s.question).toBe(m.title);
    expect(s.participants).toEqual(m.participants);
    expect(s.loops.length).toBe(Math.min(3, m.loops.length));
    expect(s.actions.length).toBe(m.actions.length);
    const html = reportHtml(m);
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="map"'));
    const md = reportMarkdown(m, { imagePath: 'x-map.svg' });
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('## The map'));
  });

  it('lists the leverage points the group voted for first, with their votes', () => {
    const m = model();
    const voted = m.leverage.filter((l) => l.votes > 0);
    const s = summarize(m);
    if (voted.length) expect(s.leverage[0]).toMatch(/\(\d+ votes?[;)]/);
    else expect(s.leverage.every((l) => l.includes('no votes'))).toBe(true);
  });

  it('marks a Meadows level the analysis suggested as a suggestion, and one the group chose as chosen', () => {
    const m = model();
    const suggested = m.leverage.filter((l) => l.levelSource === 'suggested');
    expect(suggested.length).toBeGreaterThan(0);
    for (const l of suggested) expect(l.level).toMatch(/^\d+\. .+ \(suggested\)$/);
    const chosen = {
      ...m.leverage[0]!,
      level: '5. Rules',
      levelSource: 'tagged' as const,
      votes: 99,
    };
    const s = summarize({ ...m, leverage: [chosen, { ...suggested[0]!, votes: 3 }] });
    expect(s.leverage[0]).toBe(
      `${chosen.label} (99 votes; Meadows level 5. Rules, chosen by the group)`,
    );
    expect(s.leverage[1]).toMatch(
      /Meadows level \d+\. [^()]+ suggested by the analysis, not chosen\)$/,
    );
  });

  it('names the clusters of actors in their map colours, and the brokers between them', () => {
    const m = model();
    expect(m.clusters.length).toBeGreaterThanOrEqual(2);
    for (const c of m.clusters) expect(CATEGORY_COLORS).toContain(c.color);
    const html = reportHtml(m);
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="map"'));
    expect(summary).toContain('Clusters of actors');
    expect(summary).toContain(`style="background:${m.clusters[0]!.color}"`);
    expect(summary).toContain(m.clusters[0]!.members[0]!);
    expect(summary).toContain('<h3>Brokers</h3>');
    if (m.brokers.length) expect(summary).toContain(m.brokers[0]!.label);
    const md = reportMarkdown(m, { imagePath: 'x.svg' });
    const name = CATEGORY_COLOR_NAMES[m.clusters[0]!.color]!;
    expect(md).toContain(`- ${m.clusters[0]!.label} (${name}, ${m.clusters[0]!.size} actors)`);
  });

  it('escapes user text in both formats', () => {
    const m = { ...model(), title: HOSTILE_LABEL };
    expect(reportHtml(m)).not.toContain('<script>alert(1)</script>');
  });

  it('Markdown shows the map from a separate file, no base64 inside', () => {
    const md = reportMarkdown(model(), { imagePath: 'workshop-report-map.svg' });
    expect(md).toContain('![The map](workshop-report-map.svg)');
    expect(md).not.toContain('base64');
  });
});
