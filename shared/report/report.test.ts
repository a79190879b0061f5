import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../schema/snapshot';
import { readSessionSnapshot } from '../session/index';
import {
  buildReport,
  escapeMarkdown,
  formatCitation,
  mapSvg,
  REPORT_SECTIONS,
  reportHtml,
  reportMarkdown,
} from './index';
import { exampleSessionDoc, HOSTILE_LABEL } from './testing';

function exampleReport() {
  const { doc, ids } = exampleSessionDoc();
  const model = buildReport({
    map: readSnapshot(doc),
    session: readSessionSnapshot(doc),
    generatedAt: new Date('2024-06-03T12:00:00Z'),
  });
  return { model, ids, doc };
}

describe('session report', () => {
  it('has every section, in HTML and Markdown, for the example map after a session', () => {
    const { model } = exampleReport();
    const html = reportHtml(model);
    for (const [id, title] of REPORT_SECTIONS) {
      expect(html).toContain(`<section id="${id}"><h2>${title}</h2>`);
    }
    expect(html).toContain('<svg');
    expect(html).toContain('Readiness spiral');
    expect(html).toMatch(/class="tag [RB]">[RB]1</);
    expect(html).toContain('Pilot home visits with the Family Centre');
    expect(html).toContain('2024-09-01');
    expect(html).toContain('Trust between parents and schools drives everything');
    expect(html).toContain('How few of us knew each other');
    expect(html).toContain('Both run reading sessions for parents');
    expect(html).toContain('(proposed by Fiona)');
    expect(html).toContain('Ana Ruiz and Ben Ode (2003). Leadership in Action: school readiness.');
    expect(html).toContain('Children entering school ready to learn');
    expect(html).toContain('Ana Ruiz, Ben Ode, Fiona');
    // The leverage ranking carries the 9 dots of the revealed vote.
    const voted = model.leverage.find((l) => l.votes === 9);
    expect(voted).toBeDefined();
    expect(model.votes[0]?.results[0]).toMatchObject({ dots: 9, rank: 1 });
    // A note still hidden by private mode stays out of the report.
    expect(html).not.toContain('A private thought nobody revealed');

    const md = reportMarkdown(model);
    for (const [, title] of REPORT_SECTIONS) expect(md).toContain(`## ${title}\n`);
    expect(md).toContain('![The map](data:image/svg+xml;base64,');
    expect(md).toContain('Readiness spiral');
    expect(md).toContain('| Pilot home visits with the Family Centre |');
    expect(md).toContain('<https://example.org/leadership-in-action>');
    expect(md).toContain('Both run reading sessions for parents (proposed by Fiona)');
    expect(md).not.toContain('A private thought nobody revealed');
  });

  it('prints user text as text: no markup, no script, only http(s) links', () => {
    const { model } = exampleReport();
    const html = reportHtml(model);
    expect(html).not.toContain(HOSTILE_LABEL);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="(?!https?:)/);
    expect(html).toContain("default-src 'none'");
    const svg = mapSvg(model.map);
    expect(svg).not.toContain('<script');
    const md = reportMarkdown(model);
    expect(md).not.toContain(HOSTILE_LABEL);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(escapeMarkdown('1. [x](javascript:y) *b*\n# h')).toBe(
      '1\\. \\[x\\](javascript:y) \\*b\\* # h',
    );
    // A caller's SVG is shown through an <img> (scripts in it cannot run), never inlined.
    const hostile = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(3)</script></svg>';
    const withSvg = reportHtml(model, { svg: hostile });
    expect(withSvg).not.toContain('alert(3)');
    expect(withSvg).toContain('<img alt="The map');
  });

  it('formats citations and still makes a report without a session', () => {
    expect(
      formatCitation({
        id: 's',
        url: 'https://x.org',
        title: 'T',
        authors: ['A', 'B', 'C', 'D', 'E', 'F'],
        publishedAt: '2020',
        doi: '10.1/x',
        quotes: [],
        linkedTo: [],
        tags: [],
        note: '',
        clippedBy: '',
        clippedAt: 0,
        extra: {},
      }),
    ).toBe('A, B, C et al. (2020). T. doi:10.1/x.');
    const { doc } = exampleSessionDoc();
    const html = reportHtml(buildReport({ map: readSnapshot(doc) }));
    expect(html).toContain('No actions were recorded.');
    expect(html).toContain('Nobody signed in to the session.');
  });
});
