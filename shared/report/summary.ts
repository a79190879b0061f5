import { escapeHtml as e, escapeMarkdown as m } from './escape';
import { CATEGORY_COLOR_NAMES } from '../analysis/cluster-colors';
import type { ReportCluster, ReportModel } from './model';

/**
 * The report's first section: what a reader needs before the detail. The question (the map's
 * title), who took part, the strongest loops, the leverage points the group voted for (a Meadows
 * level the analysis suggested says so), the clusters of actors in their map colours and the
 * brokers between them, and the actions with their owners.
 */
export interface ReportSummary {
  readonly question: string;
  readonly participants: readonly string[];
  readonly loops: readonly string[];
  readonly leverage: readonly string[];
  readonly clusters: readonly ReportCluster[];
  readonly brokers: readonly string[];
  readonly actions: readonly string[];
}

const TOP = 3;

export function summarize(model: ReportModel): ReportSummary {
  const voted = [...model.leverage].filter((l) => l.votes > 0).sort((a, b) => b.votes - a.votes);
  const leverage = (voted.length ? voted : model.leverage).slice(0, TOP).map((l) => {
    const votes =
      l.votes > 0
        ? `${l.votes} vote${l.votes === 1 ? '' : 's'}`
        : `score ${l.score.toFixed(2)}, no votes`;
    const level =
      l.levelSource === 'tagged'
        ? `; Meadows level ${l.level}, chosen by the group`
        : l.levelSource === 'suggested'
          ? `; Meadows level ${l.level.replace(/ \(suggested\)$/, '')} suggested by the analysis, not chosen`
          : '';
    return `${l.label} (${votes}${level})`;
  });
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
    clusters: model.clusters.slice(0, 6),
    brokers: model.brokers.slice(0, TOP).map((b) => `${b.label}: ${b.explanation}`),
    actions: model.actions.map(
      (a) => `${a.title}: ${a.owner || 'no owner yet'}${a.due ? `, by ${a.due}` : ''}`,
    ),
  };
}

const LINES: readonly [keyof Omit<ReportSummary, 'question' | 'clusters'>, string, string][] = [
  ['participants', 'Participants', 'Nobody recorded.'],
  ['loops', 'Top loops', 'No feedback loops yet.'],
  ['leverage', 'Top leverage points', 'No leverage points yet.'],
  ['brokers', 'Brokers', 'No brokers: no actor links clusters that are otherwise apart.'],
  ['actions', 'Actions and owners', 'No actions yet.'],
];

const colorName = (c: ReportCluster): string => CATEGORY_COLOR_NAMES[c.color] ?? c.color;
const clusterText = (c: ReportCluster): string =>
  `${c.label} (${colorName(c)}, ${c.size} actors): ${c.members.join(', ')}`;
const NO_CLUSTERS = 'No clusters: the actors are too few or too connected to split.';

export function summaryHtml(model: ReportModel): string {
  const s = summarize(model);
  const clusters = s.clusters.length
    ? `<ul class="clusters">${s.clusters
        .map(
          (c) =>
            `<li><span class="swatch" style="background:${c.color}" aria-hidden="true"></span>${e(clusterText(c))}</li>`,
        )
        .join('')}</ul>`
    : `<p class="empty">${e(NO_CLUSTERS)}</p>`;
  const rows = LINES.map(([key, title, none]) => {
    const items = s[key];
    const body = items.length
      ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`
      : `<p class="empty">${e(none)}</p>`;
    const head = `<h3>${e(title)}</h3>${body}`;
    return key === 'brokers' ? `<h3>Clusters of actors</h3>${clusters}${head}` : head;
  });
  return `<section id="summary"><h2>Summary</h2><p><strong>The question:</strong> ${e(s.question)}</p>${rows.join('')}</section>`;
}

export function summaryMarkdown(model: ReportModel): string[] {
  const s = summarize(model);
  const out = ['## Summary', '', `**The question:** ${m(s.question)}`, ''];
  for (const [key, title, none] of LINES) {
    if (key === 'brokers') {
      out.push('**Clusters of actors:**', '');
      if (s.clusters.length) out.push(...s.clusters.map((c) => `- ${m(clusterText(c))}`));
      else out.push(`_${NO_CLUSTERS}_`);
      out.push('');
    }
    out.push(`**${title}:**`, '');
    const items = s[key];
    if (items.length) out.push(...items.map((i) => `- ${m(i)}`));
    else out.push(`_${none}_`);
    out.push('');
  }
  return out;
}
