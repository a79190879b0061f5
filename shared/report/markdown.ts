import { escapeMarkdown as m, markdownUrl } from './escape';
import type { ReportIntroduction, ReportModel } from './model';
import { mapSvg } from './svg';
import { storiesMarkdown } from './stories';
import { summaryMarkdown } from './summary';

export interface MarkdownReportOptions {
  /** An SVG of the map; by default the report draws its own. */
  readonly svg?: string;
  /**
   * Where the map image is: a relative path the caller writes the SVG to (e.g. `report.svg`),
   * or by default an inline data URL (some Markdown viewers do not show those).
   */
  readonly imagePath?: string;
}

const cell = (text: string): string => m(text).replace(/\|/g, '\\|');

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

const intro = (i: ReportIntroduction): string =>
  `- **${m(i.a)}** and **${m(i.b)}**${i.why ? `: ${m(i.why)}` : ''}${i.by ? ` (proposed by ${m(i.by)})` : ''}`;

/** The report as Markdown (CommonMark with GitHub tables); all user text escaped. */
export function reportMarkdown(model: ReportModel, options: MarkdownReportOptions = {}): string {
  const c = model.counts;
  const out: string[] = [];
  out.push(`# ${m(model.title)}`, '');
  out.push(
    `Session report, made ${model.generatedAt.slice(0, 10)}. ${c.factors} factors, ${c.actors} actors, ${c.causalLinks} causal links, ${c.relationships} relationships; ${c.loops} feedback loops (${c.reinforcing} reinforcing, ${c.balancing} balancing).`,
    '',
  );
  if (model.agenda.length)
    out.push(
      `Agenda: ${model.agenda.map((p) => `${m(p.title)}${p.minutes ? ` (${p.minutes} min)` : ''}`).join(' · ')}`,
      '',
    );
  out.push(...summaryMarkdown(model));

  out.push('## The map', '');
  const src =
    options.imagePath ??
    `data:image/svg+xml;base64,${base64(options.svg ?? mapSvg(model.map, { title: `The map ${model.title}` }))}`;
  out.push(`![The map](${src.replace(/[ ()]/g, encodeURIComponent)})`, '');

  out.push('## Feedback loops', '');
  if (model.loops.length === 0) out.push('_No feedback loops on the map._', '');
  else {
    out.push('| Loop | Name | Path |', '| --- | --- | --- |');
    for (const l of model.loops)
      out.push(
        `| ${l.label} ${l.polarity === 'R' ? 'reinforcing' : 'balancing'}${l.hasDelay ? ', with a delay' : ''} | ${l.name ? `**${cell(l.name)}**` : 'unnamed'} | ${[...l.members, l.members[0] ?? ''].map(cell).join(' → ')} |`,
      );
    out.push('');
    if (model.loopsOmitted) out.push(`And ${model.loopsOmitted} more loops.`, '');
  }

  out.push('## Leverage points', '');
  if (model.leverage.length === 0) out.push('_No factor is in a causal link yet._', '');
  else {
    out.push(
      '| # | Factor | Score | Votes | Meadows level |',
      '| ---: | --- | ---: | ---: | --- |',
    );
    for (const l of model.leverage)
      out.push(
        `| ${l.rank} | ${cell(l.label)} | ${l.score.toFixed(2)} | ${l.votes} | ${cell(l.level)} |`,
      );
    out.push('');
  }
  for (const v of model.votes) {
    out.push(`### ${m(v.title)} (${v.voters} voters)`, '');
    v.results.forEach((r, i) =>
      out.push(`${i + 1}. ${m(r.label)}: ${r.dots} ${r.dots === 1 ? 'dot' : 'dots'}`),
    );
    out.push('');
  }

  out.push('## Introductions proposed', '');
  if (model.introductions.length) out.push(...model.introductions.map(intro), '');
  else out.push('_No introductions were proposed on the map._', '');
  if (model.suggestedIntroductions.length)
    out.push(
      '### Further introductions the analysis suggests',
      '',
      ...model.suggestedIntroductions.map(intro),
      '',
    );

  out.push('## Actions', '');
  if (model.actions.length === 0) out.push('_No actions were recorded._', '');
  else {
    out.push('| Action | Owner | Due | Serves | Status |', '| --- | --- | --- | --- | --- |');
    for (const a of model.actions)
      out.push(
        `| ${cell(a.title)} | ${cell(a.owner)} | ${a.due} | ${cell(a.serves)} | ${a.status} |`,
      );
    out.push('');
  }

  out.push('## Reflections', '');
  if (!model.reflections.some((p) => p.groups.length))
    out.push('_No reflection cards were written._', '');
  for (const p of model.reflections) {
    if (p.groups.length === 0) continue;
    out.push(`### ${m(p.prompt)}`, '');
    for (const g of p.groups) {
      if (g.name) out.push(`**${m(g.name)}**`, '');
      for (const card of g.cards) {
        const meta = [
          card.by,
          card.votes ? `${card.votes} ${card.votes === 1 ? 'vote' : 'votes'}` : '',
          card.mentions.length ? `about ${card.mentions.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' · ');
        out.push(`- ${m(card.text)}${meta ? ` _(${m(meta)})_` : ''}`);
      }
      out.push('');
    }
  }

  out.push(...storiesMarkdown(model.stories));

  out.push('## Sources cited', '');
  if (model.sources.length === 0) out.push('_No sources were clipped into the map._', '');
  else {
    model.sources.forEach((s, i) => {
      const url = markdownUrl(s.url);
      out.push(`${i + 1}. ${m(s.citation)}${url ? ` <${url}>` : ''}`);
      if (s.evidenceFor.length) out.push(`   Evidence for ${s.evidenceFor.map(m).join(', ')}.`);
      for (const q of s.quotes) out.push(`   > ${m(q)}`);
    });
    out.push('');
  }

  out.push('## Who took part', '');
  out.push(
    model.participants.length
      ? `${model.participants.map(m).join(', ')} (${model.participants.length})`
      : '_Nobody signed in to the session._',
    '',
  );
  return out.join('\n');
}
