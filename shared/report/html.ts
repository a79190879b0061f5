import { escapeHtml as e, httpUrl } from './escape';
import type { ReportIntroduction, ReportModel } from './model';
import { mapSvg } from './svg';
import { storiesHtml } from './stories';
import { summaryHtml } from './summary';

export interface HtmlReportOptions {
  /**
   * An SVG of the map from the caller (e.g. the canvas's own rendering). It is shown through an
   * <img> data URL, where SVG cannot run scripts; by default the report draws its own inline.
   */
  readonly svg?: string;
}

/** The sections every report has, in order (ids of the HTML sections, for links and tests). */
export const REPORT_SECTIONS = [
  ['summary', 'Summary'],
  ['map', 'The map'],
  ['loops', 'Feedback loops'],
  ['leverage', 'Leverage points'],
  ['introductions', 'Introductions proposed'],
  ['actions', 'Actions'],
  ['reflections', 'Reflections'],
  ['sources', 'Sources cited'],
  ['participants', 'Who took part'],
] as const;

const CSS = `
:root{color-scheme:light}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#202124;max-width:960px;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #e8eaed;padding-bottom:.25rem}
h3{font-size:1rem;margin:1rem 0 .25rem}.meta{color:#5f6368;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e8eaed}
th{background:#f8f9fa;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.4em;vertical-align:-.05em;border:1px solid #0003}
.tag{display:inline-block;border-radius:4px;padding:0 .4rem;font-weight:700;font-size:.85rem}
.R{background:#e8f0fe;color:#174ea6}.B{background:#fce8e6;color:#a50e0e}
.empty{color:#5f6368;font-style:italic}.muted{color:#5f6368;font-size:.9rem}
.card{border:1px solid #dadce0;border-radius:6px;padding:.5rem .75rem;margin:.4rem 0;break-inside:avoid}
.figure{border:1px solid #e8eaed;border-radius:6px;padding:.5rem;margin:.5rem 0}.figure img,.figure svg{display:block;width:100%;height:auto}
blockquote{margin:.25rem 0 .25rem 1rem;padding-left:.75rem;border-left:3px solid #dadce0;color:#3c4043}
a{color:#1a73e8}ul{padding-left:1.25rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}table,.card,.figure{break-inside:avoid}a{color:inherit}a[href]::after{content:" (" attr(href) ")";font-size:.8em;color:#5f6368}}
`;

const empty = (text: string): string => `<p class="empty">${e(text)}</p>`;

function link(text: string, url: string | undefined): string {
  const safe = httpUrl(url);
  return safe ? `<a href="${e(safe)}" rel="noopener noreferrer">${e(text)}</a>` : e(text);
}

function introductionList(list: readonly ReportIntroduction[]): string {
  return `<ul>${list
    .map(
      (i) =>
        `<li><strong>${e(i.a)}</strong> and <strong>${e(i.b)}</strong>${i.why ? `: ${e(i.why)}` : ''}${i.by ? ` <span class="muted">(proposed by ${e(i.by)})</span>` : ''}</li>`,
    )
    .join('')}</ul>`;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** A self-contained HTML page (inline CSS, no script, no outside resources), printable to PDF. */
export function reportHtml(model: ReportModel, options: HtmlReportOptions = {}): string {
  const c = model.counts;
  const s: string[] = [];
  s.push(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${e(model.title)}: session report</title><style>${CSS}</style></head><body>`,
    `<header><h1>${e(model.title)}</h1><p class="meta">Session report, made ${e(model.generatedAt.slice(0, 10))}. `,
    `${c.factors} factors, ${c.actors} actors, ${c.causalLinks} causal links, ${c.relationships} relationships; `,
    `${c.loops} feedback loops (${c.reinforcing} reinforcing, ${c.balancing} balancing).</p>`,
  );
  if (model.agenda.length)
    s.push(
      `<p class="muted">Agenda: ${model.agenda.map((p) => `${e(p.title)}${p.minutes ? ` (${p.minutes} min)` : ''}`).join(' · ')}</p>`,
    );
  s.push('</header>');
  s.push(summaryHtml(model));

  // The map.
  s.push('<section id="map"><h2>The map</h2><div class="figure">');
  if (options.svg !== undefined)
    s.push(
      `<img alt="${e(`The map ${model.title}`)}" src="data:image/svg+xml;base64,${base64(options.svg)}">`,
    );
  else s.push(mapSvg(model.map, { title: `The map ${model.title}` }));
  s.push(
    '</div><p class="muted">The sign at each arrowhead: + the same direction (blue), − the opposite direction (orange); ‖ a delay; dashed: a proposed introduction.</p></section>',
  );

  // Loops.
  s.push('<section id="loops"><h2>Feedback loops</h2>');
  if (model.loops.length === 0) s.push(empty('No feedback loops on the map.'));
  else {
    s.push('<table><thead><tr><th>Loop</th><th>Name</th><th>Path</th></tr></thead><tbody>');
    for (const l of model.loops)
      s.push(
        `<tr><td><span class="tag ${l.polarity}">${e(l.label)}</span> ${l.polarity === 'R' ? 'reinforcing' : 'balancing'}${l.hasDelay ? ', with a delay' : ''}</td>`,
        `<td>${l.name ? `<strong>${e(l.name)}</strong>` : '<span class="muted">unnamed</span>'}${l.note ? `<div class="muted">${e(l.note)}</div>` : ''}</td>`,
        `<td>${[...l.members, l.members[0] ?? ''].map(e).join(' → ')}</td></tr>`,
      );
    s.push('</tbody></table>');
    if (model.loopsOmitted) s.push(`<p class="muted">And ${model.loopsOmitted} more loops.</p>`);
  }
  s.push('</section>');

  // Leverage.
  s.push('<section id="leverage"><h2>Leverage points</h2>');
  if (model.leverage.length === 0) s.push(empty('No factor is in a causal link yet.'));
  else {
    s.push(
      '<table><thead><tr><th class="num">#</th><th>Factor</th><th class="num">Score</th><th class="num">Votes</th><th>Meadows level</th><th>Why</th></tr></thead><tbody>',
    );
    for (const l of model.leverage)
      s.push(
        `<tr><td class="num">${l.rank}</td><td><strong>${e(l.label)}</strong></td><td class="num">${l.score.toFixed(2)}</td><td class="num">${l.votes}</td><td>${e(l.level)}</td><td class="muted">${e(l.explanation)}</td></tr>`,
      );
    s.push('</tbody></table>');
  }
  for (const v of model.votes) {
    s.push(`<h3>${e(v.title)} <span class="muted">(${v.voters} voters)</span></h3><ol>`);
    for (const r of v.results)
      s.push(`<li>${e(r.label)}: ${r.dots} ${r.dots === 1 ? 'dot' : 'dots'}</li>`);
    s.push('</ol>');
  }
  s.push('</section>');

  // Introductions.
  s.push('<section id="introductions"><h2>Introductions proposed</h2>');
  if (model.introductions.length) s.push(introductionList(model.introductions));
  else s.push(empty('No introductions were proposed on the map.'));
  if (model.suggestedIntroductions.length)
    s.push(
      '<h3>Further introductions the analysis suggests</h3>',
      introductionList(model.suggestedIntroductions),
    );
  s.push('</section>');

  // Actions.
  s.push('<section id="actions"><h2>Actions</h2>');
  if (model.actions.length === 0) s.push(empty('No actions were recorded.'));
  else {
    s.push(
      '<table><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Serves</th><th>Status</th></tr></thead><tbody>',
    );
    for (const a of model.actions)
      s.push(
        `<tr><td><strong>${e(a.title)}</strong>${a.note ? `<div class="muted">${e(a.note)}</div>` : ''}</td><td>${e(a.owner)}</td><td>${e(a.due)}</td><td>${e(a.serves)}</td><td>${e(a.status)}</td></tr>`,
      );
    s.push('</tbody></table>');
  }
  s.push('</section>');

  // Reflections.
  s.push('<section id="reflections"><h2>Reflections</h2>');
  const anyCards = model.reflections.some((p) => p.groups.length > 0);
  if (!anyCards) s.push(empty('No reflection cards were written.'));
  for (const p of model.reflections) {
    if (p.groups.length === 0) continue;
    s.push(`<h3>${e(p.prompt)}</h3>`);
    for (const g of p.groups) {
      if (g.name) s.push(`<p><strong>${e(g.name)}</strong></p>`);
      for (const card of g.cards)
        s.push(
          `<div class="card">${e(card.text)}<div class="muted">${card.by ? e(card.by) : ''}${card.votes ? ` · ${card.votes} ${card.votes === 1 ? 'vote' : 'votes'}` : ''}${card.mentions.length ? ` · about ${card.mentions.map(e).join(', ')}` : ''}</div></div>`,
        );
    }
  }
  s.push('</section>');

  const stories = storiesHtml(model.stories);
  if (stories) s.push(stories);

  // Sources.
  s.push('<section id="sources"><h2>Sources cited</h2>');
  if (model.sources.length === 0) s.push(empty('No sources were clipped into the map.'));
  else {
    s.push('<ol>');
    for (const src of model.sources) {
      s.push(
        `<li>${e(src.citation)} ${src.url && httpUrl(src.url) ? link(httpUrl(src.url) as string, src.url) : ''}`,
      );
      if (src.evidenceFor.length)
        s.push(`<div class="muted">Evidence for ${src.evidenceFor.map(e).join(', ')}</div>`);
      for (const q of src.quotes) s.push(`<blockquote>${e(q)}</blockquote>`);
      s.push('</li>');
    }
    s.push('</ol>');
  }
  s.push('</section>');

  // Participants.
  s.push('<section id="participants"><h2>Who took part</h2>');
  if (model.participants.length === 0) s.push(empty('Nobody signed in to the session.'));
  else
    s.push(
      `<p>${model.participants.map(e).join(', ')} <span class="muted">(${model.participants.length})</span></p>`,
    );
  s.push('</section>');

  s.push('<footer><p class="muted">Made with Weavemap.</p></footer></body></html>');
  return s.join('\n');
}
