import { escapeHtml as e, escapeMarkdown as m } from './escape';
import type { ReportModel } from './model';

/**
 * The report's first section: what a reader needs before the detail. The question (the map's
 * title), who took part, the strongest loops, the leverage points the group voted for, and the
 * actions with their owners.
 */
export interface ReportSummary {
  readonly question: string;
  readonly participants: readonly string[];
  readonly loops: readonly string[];
  readonly leverage: readonly string[];
  readonly actions: readonly string[];
}

const TOP = 3;

export function summarize(model: ReportModel): ReportSummary {
  const voted = [...model.leverage].filter((l) => l.votes > 0).sort((a, b) => b.votes - a.votes);
  const leverage = (voted.length ? voted : model.leverage)
    .slice(0, TOP)
    .map((l) =>
      l.votes > 0
        ? `${l.label} (${l.votes} vote${l.votes === 1 ? '' : 's'})`
        : `${l.label} (score ${l.score.toFixed(2)}, no votes)`,
    );
  return {
    question: model.title,
    participants: model.participants,
    loops: model.loops
      .slice(0, TOP)
      .map(
        (l) =>
          `${l.label} ${l.polarity === 'R' ? 'reinforcing' : 'balancing'}${l.name ? `: ${l.name}` : ''} (${l.members.join(' → ')})`,
      ),
    leverage,
    actions: model.actions.map(
      (a) => `${a.title}: ${a.owner || 'no owner yet'}${a.due ? `, by ${a.due}` : ''}`,
    ),
  };
}

const LINES: readonly [keyof Omit<ReportSummary, 'question'>, string, string][] = [
  ['participants', 'Participants', 'Nobody recorded.'],
  ['loops', 'Top loops', 'No feedback loops yet.'],
  ['leverage', 'Top leverage points', 'No leverage points yet.'],
  ['actions', 'Actions and owners', 'No actions yet.'],
];

export function summaryHtml(model: ReportModel): string {
  const s = summarize(model);
  const rows = LINES.map(([key, title, none]) => {
    const items = s[key];
    const body = items.length
      ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`
      : `<p class="empty">${e(none)}</p>`;
    return `<h3>${e(title)}</h3>${body}`;
  });
  return `<section id="summary"><h2>Summary</h2><p><strong>The question:</strong> ${e(s.question)}</p>${rows.join('')}</section>`;
}

export function summaryMarkdown(model: ReportModel): string[] {
  const s = summarize(model);
  const out = ['## Summary', '', `**The question:** ${m(s.question)}`, ''];
  for (const [key, title, none] of LINES) {
    out.push(`**${title}:**`, '');
    const items = s[key];
    if (items.length) out.push(...items.map((i) => `- ${m(i)}`));
    else out.push(`_${none}_`);
    out.push('');
  }
  return out;
}
