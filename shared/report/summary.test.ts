import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../schema/snapshot';
import { readSessionSnapshot } from '../session/index';
import { buildReport, reportHtml, reportMarkdown } from './index';
import { summarize } from './summary';
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
    if (voted.length) expect(s.leverage[0]).toMatch(/\(\d+ votes?\)$/);
    else expect(s.leverage.every((l) => l.includes('no votes'))).toBe(true);
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
