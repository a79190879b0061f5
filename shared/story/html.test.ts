import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement } from '../domain/index';
import { initMap } from '../domain/map';
import { buildReport, reportHtml, reportMarkdown } from '../report/index';
import { STORY_SECTION } from '../report/stories';
import { readSnapshot } from '../schema/snapshot';
import { sessionContext } from '../session/test-helpers';
import { checkInlineSvg, storyFileStem, storyHtml } from './html';
import { addStep, createStory, readStories } from './story';
import { stepScene } from './view';

const HOSTILE = '<img src=x onerror=alert(1)>&"\'';
const SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><clipPath id="s1-wm-clip"><rect width="10" height="10"/></clipPath><g clip-path="url(#s1-wm-clip)"><text>x</text></g></svg>\n';

function storyMap() {
  const doc = new Y.Doc();
  const fac = sessionContext('fac', { facilitator: true, doc });
  initMap(fac, `Map ${HOSTILE}`);
  const a = addElement(fac, { kind: 'factor', label: `Trust ${HOSTILE}` });
  const b = addElement(fac, { kind: 'factor', label: 'Attendance' });
  const s = createStory(fac, `Story ${HOSTILE}`);
  addStep(fac, s.id, { caption: `First ${HOSTILE}\nsecond line`, reveal: [a] });
  addStep(fac, s.id, {
    caption: 'Then attendance',
    reveal: [b],
    sim: { pushes: [{ elementId: a, direction: 1 }], t: 4 },
  });
  return { doc, story: readStories(doc)[0]!, a, b };
}

describe('story page', () => {
  it('holds every step with its caption and picture, user text escaped, nothing outside', () => {
    const { doc, story } = storyMap();
    const snap = readSnapshot(doc);
    const steps = story.steps.map((_, i) => ({
      scene: stepScene(story, i, snap)!,
      svg: SVG,
      added: i === 0 ? [`Trust ${HOSTILE}`] : ['Attendance'],
      ...(i === 1 ? { simNote: 'up: Trust · step 4' } : {}),
    }));
    const html = storyHtml({
      story,
      mapTitle: snap.meta.title,
      steps,
      generatedAt: new Date('2026-01-02T00:00:00Z'),
    });
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<[^>]*onerror/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;');
    expect(html).toContain('<section id="step-1"');
    expect(html).toContain('<section id="step-2"');
    expect(html).toContain('Step 2 of 2');
    expect(html).toContain('Then attendance');
    expect(html).toContain('Reveals Attendance.');
    expect(html).toContain('What if: up: Trust · step 4.');
    expect(html).toContain('<a href="#step-2">Step 2 →</a>');
    // The contents list shows each caption's first line only.
    expect(html).toMatch(/<a href="#step-1">First &lt;img[^<]*<\/a>/);
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).not.toContain('<?xml');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain("default-src 'none'");
  });

  it('refuses pictures that could run or fetch something', () => {
    expect(checkInlineSvg(SVG)).toMatch(/^<svg/);
    expect(() => checkInlineSvg('<svg><script>alert(1)</script></svg>')).toThrow(/scripts/);
    expect(() => checkInlineSvg('<svg onload="x()"></svg>')).toThrow(/event handlers/);
    expect(() => checkInlineSvg('<svg><a href="https://x.org">x</a></svg>')).toThrow(/outside/);
    expect(() => checkInlineSvg('<svg><rect fill="url(https://x.org/a)"/></svg>')).toThrow(
      /outside/,
    );
    expect(() => checkInlineSvg('<div></div>')).toThrow(/one SVG/);
  });

  it('names files from the title', () => {
    expect(storyFileStem('Why Readiness stalls: 2026!')).toBe('why-readiness-stalls-2026');
    expect(storyFileStem('<>')).toBe('story');
  });
});

describe('the session report lists stories', () => {
  it('has a Stories section with each step caption (escaped) only when there are stories', () => {
    const { doc, story } = storyMap();
    const map = readSnapshot(doc);
    const model = buildReport({ map, stories: [story], generatedAt: new Date(0) });
    expect(model.stories[0]!.steps.map((s) => s.caption)).toEqual([
      `First ${HOSTILE}\nsecond line`,
      'Then attendance',
    ]);
    expect(model.stories[0]!.steps[1]).toMatchObject({ reveals: ['Attendance'], whatIf: true });
    const html = reportHtml(model);
    expect(html).toContain(`<section id="${STORY_SECTION[0]}"><h2>Stories</h2>`);
    expect(html).toContain(
      '<li>Then attendance <span class="muted">(reveals Attendance; a what-if moment)</span></li>',
    );
    expect(html).not.toContain('<img src=x');
    const md = reportMarkdown(model);
    expect(md).toContain('## Stories\n');
    expect(md).toContain('2. Then attendance (reveals Attendance; a what-if moment)');
    expect(md).not.toMatch(/[^\\]<img/);
    const without = reportHtml(buildReport({ map, generatedAt: new Date(0) }));
    expect(without).not.toContain('id="stories"');
  });
});
