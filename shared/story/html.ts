import { escapeHtml as e } from '../report/escape';
import type { StoryRecord } from '../schema/story-record';
import type { StepScene } from './view';

/**
 * A story as one self-contained HTML page: every step in order, each with its picture of the map
 * (an inline SVG the caller drew with the map export's drawing rules), its caption, what it
 * reveals, its loop and its what-if moment. No script and no outside resource (a
 * Content-Security-Policy says so to the browser); every piece of user text is escaped, and the
 * pictures are checked to be SVG without scripts, event handlers or outside references.
 */

export interface StoryPageStep {
  readonly scene: StepScene;
  /** The step's picture: an SVG document (an XML declaration before it is dropped). */
  readonly svg: string;
  /** Labels of the elements this step reveals. */
  readonly added: readonly string[];
  /** "Up: Trust; down: Cost · step 6 of 40", when the step has a what-if moment. */
  readonly simNote?: string;
}

export interface StoryPageInput {
  readonly story: StoryRecord;
  readonly mapTitle: string;
  readonly steps: readonly StoryPageStep[];
  readonly generatedAt?: Date;
}

const CSS = `
:root{color-scheme:light}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#202124;max-width:1100px;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.8rem;margin:0 0 .25rem}.meta,.muted{color:#5f6368}
nav ol{padding-left:1.25rem}section{border-top:2px solid #e8eaed;padding:1rem 0 2rem;break-before:page}
h2{font-size:1.3rem;margin:.25rem 0}.caption{font-size:1.2rem;white-space:pre-wrap;margin:.5rem 0 1rem}
.figure{border:1px solid #e8eaed;border-radius:6px;padding:.5rem;overflow:auto}.figure svg{display:block;max-width:100%;height:auto}
.step-nav{display:flex;justify-content:space-between;margin-top:.75rem}a{color:#1a73e8}
.tag{display:inline-block;border-radius:4px;padding:0 .4rem;background:#fef7e0;font-weight:600}
@media print{.step-nav,nav{display:none}body{margin:0;max-width:none}}
`;

/** Refuses markup that could run or fetch anything; our painter never writes it. */
export function checkInlineSvg(svg: string): string {
  const body = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').trim();
  if (!body.startsWith('<svg') || !body.endsWith('</svg>'))
    throw new Error('A step picture must be one SVG element.');
  if (/<\s*(script|foreignObject|iframe|image|use)\b/i.test(body) || /\son\w+\s*=/i.test(body))
    throw new Error('A step picture may not hold scripts, event handlers or embedded content.');
  if (/(href|src)\s*=/i.test(body) || /url\(\s*['"]?(?!#)/i.test(body))
    throw new Error('A step picture may not refer to anything outside itself.');
  return body;
}

export function storyHtml(input: StoryPageInput): string {
  const { story, steps } = input;
  const made = (input.generatedAt ?? new Date()).toISOString().slice(0, 10);
  const s: string[] = [];
  s.push(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(story.title)}: a story of ${e(input.mapTitle)}</title><style>${CSS}</style></head><body>`,
    `<header><h1>${e(story.title)}</h1><p class="meta">A story of the map ${e(input.mapTitle)} in ${steps.length} ${steps.length === 1 ? 'step' : 'steps'}, exported ${e(made)}.</p></header>`,
  );
  if (steps.length) {
    s.push('<nav aria-label="Steps"><ol>');
    steps.forEach((st, i) =>
      s.push(
        `<li><a href="#step-${i + 1}">${e(firstLine(st.scene.caption) || `Step ${i + 1}`)}</a></li>`,
      ),
    );
    s.push('</ol></nav>');
  } else s.push('<p class="muted">This story has no steps yet.</p>');
  steps.forEach((st, i) => {
    const n = i + 1;
    s.push(
      `<section id="step-${n}" aria-labelledby="step-${n}-h"><h2 id="step-${n}-h">Step ${n} of ${steps.length}</h2>`,
    );
    if (st.scene.caption) s.push(`<p class="caption">${e(st.scene.caption)}</p>`);
    const notes: string[] = [];
    if (st.added.length) notes.push(`Reveals ${st.added.map(e).join(', ')}.`);
    if (st.scene.loopLabel) notes.push(`Loop <span class="tag">${e(st.scene.loopLabel)}</span>.`);
    else if (st.scene.highlight) notes.push('A loop is highlighted.');
    if (st.simNote) notes.push(`What if: ${e(st.simNote)}.`);
    if (notes.length) s.push(`<p class="muted">${notes.join(' ')}</p>`);
    s.push(`<div class="figure">${checkInlineSvg(st.svg)}</div>`);
    s.push(
      '<p class="step-nav">',
      n > 1 ? `<a href="#step-${n - 1}">← Step ${n - 1}</a>` : '<span></span>',
      n < steps.length ? `<a href="#step-${n + 1}">Step ${n + 1} →</a>` : '<span></span>',
      '</p></section>',
    );
  });
  s.push('<footer><p class="muted">Made with Weavemap.</p></footer></body></html>');
  return s.join('\n');
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** A file name stem for a story: its title, letters and digits only. */
export function storyFileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return stem || 'story';
}
