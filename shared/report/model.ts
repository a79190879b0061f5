import type { MapAnalysis } from '../analysis/analyze-map';
import { analyzeMap } from '../analysis/analyze-map';
import { meadowsLevel } from '../analysis/meadows';
import { categoryColor } from '../analysis/cluster-colors';
import { proposedBy } from '../domain/connections';
import type { ElementRecord, MapSnapshot, SourceRecord } from '../schema/types';
import { visibleTo } from '../session/private-notes';
import type { ActionRecord, SessionSnapshot } from '../session/types';
import { leverageVotes, voteResults } from '../session/votes';
import { filterActions } from '../session/actions';
import { readSessionSnapshot } from '../session/layout';
import * as Y from 'yjs';
import type { StoryRecord } from '../schema/story-record';
import { reportStories, type ReportStory } from './stories';

/**
 * The session report as plain data: what the HTML and Markdown writers print. Everything here is
 * user text as typed; the writers escape it.
 */

export interface ReportInput {
  readonly map: MapSnapshot;
  /** The facilitation state; without it the report has the map's sections only. */
  readonly session?: SessionSnapshot;
  /** The analysis (computed here when not given, with the revealed votes). */
  readonly analysis?: MapAnalysis;
  /** When the report was made (default: now). */
  readonly generatedAt?: Date;
  /** The stories the facilitator recorded (a "Stories" section lists their steps). */
  readonly stories?: readonly StoryRecord[];
  /** Longest lists (default 50 loops, 20 leverage points, 10 weaving suggestions). */
  readonly limits?: { loops?: number; leverage?: number; weaving?: number };
}

export interface ReportLoop {
  readonly label: string;
  readonly polarity: 'R' | 'B';
  readonly name: string;
  readonly note: string;
  readonly members: readonly string[];
  readonly hasDelay: boolean;
}

export interface ReportLeverage {
  readonly rank: number;
  readonly label: string;
  readonly score: number;
  readonly votes: number;
  /** "8. Rules", with " (suggested)" when the analysis suggested it and the group did not choose. */
  readonly level: string;
  readonly levelSource: 'tagged' | 'suggested' | 'none';
  readonly explanation: string;
}

export interface ReportCluster {
  readonly label: string;
  /** The cluster's colour on the map (network lens). */
  readonly color: string;
  readonly size: number;
  readonly members: readonly string[];
}

export interface ReportBroker {
  readonly label: string;
  readonly explanation: string;
}

export interface ReportIntroduction {
  readonly a: string;
  readonly b: string;
  readonly why: string;
  /** Who proposed it, when the map says. */
  readonly by?: string;
}

export interface ReportAction {
  readonly title: string;
  readonly owner: string;
  readonly due: string;
  readonly serves: string;
  readonly status: string;
  readonly note: string;
}

export interface ReportCard {
  readonly text: string;
  readonly by: string;
  readonly votes: number;
  readonly mentions: readonly string[];
}

export interface ReportReflectionGroup {
  /** '' for cards in no group. */
  readonly name: string;
  readonly cards: readonly ReportCard[];
}

export interface ReportReflectionPrompt {
  readonly prompt: string;
  readonly groups: readonly ReportReflectionGroup[];
}

export interface ReportSource {
  readonly title: string;
  readonly citation: string;
  /** http(s) only, else absent. */
  readonly url?: string;
  readonly quotes: readonly string[];
  readonly evidenceFor: readonly string[];
}

export interface ReportVote {
  readonly title: string;
  readonly voters: number;
  readonly results: readonly { label: string; dots: number; rank: number }[];
}

export interface ReportModel {
  readonly title: string;
  readonly generatedAt: string;
  readonly counts: {
    readonly factors: number;
    readonly actors: number;
    readonly causalLinks: number;
    readonly relationships: number;
    readonly loops: number;
    readonly reinforcing: number;
    readonly balancing: number;
  };
  readonly agenda: readonly { title: string; minutes: number; prompt: string }[];
  readonly loops: readonly ReportLoop[];
  readonly loopsOmitted: number;
  readonly leverage: readonly ReportLeverage[];
  readonly votes: readonly ReportVote[];
  readonly introductions: readonly ReportIntroduction[];
  readonly suggestedIntroductions: readonly ReportIntroduction[];
  /** Clusters of actors (largest first) and the brokers between them. */
  readonly clusters: readonly ReportCluster[];
  readonly brokers: readonly ReportBroker[];
  readonly actions: readonly ReportAction[];
  readonly reflections: readonly ReportReflectionPrompt[];
  readonly sources: readonly ReportSource[];
  readonly participants: readonly string[];
  /** The map drawn (hidden private notes already left out). */
  readonly map: MapSnapshot;
  readonly stories: readonly ReportStory[];
}

const EMPTY_SESSION: SessionSnapshot = readSessionSnapshot(new Y.Doc());

/** "Ana Ruiz, Ben Ode and Cy Li (2024). Title. Site. doi:..." from a source's metadata. */
export function formatCitation(source: SourceRecord): string {
  const parts: string[] = [];
  const authors = source.authors.filter((a) => a.trim());
  const year = /^(\d{4})/.exec(source.publishedAt ?? '')?.[1];
  const who =
    authors.length === 0
      ? ''
      : authors.length === 1
        ? (authors[0] as string)
        : authors.length <= 5
          ? `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1] as string}`
          : `${authors.slice(0, 3).join(', ')} et al.`;
  if (who) parts.push(year ? `${who} (${year}).` : `${who}.`);
  else if (year) parts.push(`(${year}).`);
  parts.push(`${source.title.trim() || source.url}.`);
  if (source.siteName) parts.push(`${source.siteName}.`);
  if (source.doi) parts.push(`doi:${source.doi}.`);
  if (source.clippedAt > 0)
    parts.push(`Accessed ${new Date(source.clippedAt).toISOString().slice(0, 10)}.`);
  return parts.join(' ');
}

function labelOf(map: MapSnapshot, id: string | undefined): string {
  if (!id) return '';
  return map.elements.get(id)?.label || map.connections.get(id)?.label || '(removed)';
}

const countKind = (els: Iterable<ElementRecord>, kind: ElementRecord['kind']): number =>
  [...els].filter((e) => e.kind === kind).length;

/** Builds the report's content from the map, the session and the analysis. */
export function buildReport(input: ReportInput): ReportModel {
  const session = input.session ?? EMPTY_SESSION;
  // Notes still hidden by private mode stay out of a report that goes to everyone.
  const map = visibleTo(input.map, '', false);
  const analysis =
    input.analysis ??
    analyzeMap(map, { leverage: { votes: leverageVotes(session.votes.values()) } });
  const limits = { loops: 50, leverage: 20, weaving: 10, ...input.limits };
  const label = (id: string | undefined) => labelOf(map, id);

  const names = new Map<string, { name: string; note: string }>();
  for (const m of analysis.system.loopNotes)
    if (m.loop) names.set(m.loop.signature, { name: m.name, note: m.note });
  const allLoops = analysis.system.loops.loops;
  const loops: ReportLoop[] = allLoops.slice(0, limits.loops).map((l) => ({
    label: l.label,
    polarity: l.polarity,
    name: names.get(l.signature)?.name ?? '',
    note: names.get(l.signature)?.note ?? '',
    members: l.elements.map(label),
    hasDelay: l.hasDelay,
  }));
  // Named loops come first: they are the ones the group talked about.
  loops.sort((a, b) => Number(b.name !== '') - Number(a.name !== ''));

  const leverage: ReportLeverage[] = analysis.system.leverage
    .slice(0, limits.leverage)
    .map((c) => ({
      rank: c.rank,
      label: c.label,
      score: Math.round(c.score * 100) / 100,
      votes: c.votes,
      level: c.level
        ? `${c.level}. ${meadowsLevel(c.level)?.name ?? ''}`.trim() +
          (c.levelSource === 'suggested' ? ' (suggested)' : '')
        : '',
      levelSource: c.levelSource,
      explanation: c.explanation,
    }));

  const votes: ReportVote[] = [...session.votes.values()]
    .filter((v) => v.revealed)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((v) => ({
      title: v.title || 'Dot vote',
      voters: [...v.dots.values()].filter((d) => d.length > 0).length,
      results: voteResults(v)
        .filter((r) => map.elements.has(r.elementId))
        .map((r) => ({ label: label(r.elementId), dots: r.dots, rank: r.rank })),
    }));

  const introductions: ReportIntroduction[] = [...map.connections.values()]
    .filter((c) => c.proposed)
    .map((c) => {
      const by = proposedBy(c);
      return {
        a: label(c.from),
        b: label(c.to),
        why: c.description || c.label,
        ...(by ? { by } : {}),
      };
    });
  const suggestedIntroductions: ReportIntroduction[] = analysis.network.weaving
    .slice(0, limits.weaving)
    .map((w) => ({ a: w.aLabel, b: w.bLabel, why: w.reason }));

  const clusters: ReportCluster[] = analysis.network.clusters
    .filter((c) => c.size > 1)
    .map((c) => ({
      label: c.label,
      color: categoryColor(c.id),
      size: c.size,
      members: c.members.map(label),
    }))
    .sort((a, b) => b.size - a.size);
  const brokers: ReportBroker[] = analysis.network.brokers
    .slice(0, 5)
    .map((b) => ({ label: b.label, explanation: b.explanation }));

  const actions: ReportAction[] = filterActions(session.actions.values()).map(
    (a: ActionRecord) => ({
      title: a.title,
      owner: a.owner?.kind === 'actor' ? label(a.owner.actorId) : (a.owner?.name ?? ''),
      due: a.due ?? '',
      serves: label(a.serves),
      status: a.status,
      note: a.note,
    }),
  );

  const reflections: ReportReflectionPrompt[] = session.reflectionPrompts.map((p) => {
    const cards = [...session.reflectionCards.values()].filter((c) => c.promptId === p.id);
    const byGroup = new Map<string, ReportCard[]>();
    for (const c of cards.sort(
      (a, b) => b.votes.length - a.votes.length || a.createdAt - b.createdAt,
    )) {
      const group = c.groupId ? (session.reflectionGroups.get(c.groupId)?.name ?? '') : '';
      const list = byGroup.get(group) ?? [];
      list.push({
        text: c.text,
        by: c.anonymous ? 'anonymous' : c.authorName || '',
        votes: c.votes.length,
        mentions: c.mentions.filter((id) => map.elements.has(id)).map(label),
      });
      byGroup.set(group, list);
    }
    const groups = [...byGroup.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([name, list]) => ({ name, cards: list }));
    return { prompt: p.text, groups };
  });

  const sources: ReportSource[] = [...map.sources.values()]
    .sort((a, b) => (a.title || a.url).localeCompare(b.title || b.url))
    .map((s) => {
      const url = s.canonicalUrl ?? s.url;
      return {
        title: s.title || s.url,
        citation: formatCitation(s),
        ...(url ? { url } : {}),
        quotes: s.quotes.map((q) => q.exact),
        evidenceFor: s.linkedTo.map(label).filter((l) => l !== '(removed)'),
      };
    });

  const participants = new Set<string>();
  for (const p of session.participants.values()) if (p.name.trim()) participants.add(p.name.trim());

  const elements = [...map.elements.values()];
  const connections = [...map.connections.values()];
  return {
    title: map.meta.title || 'Untitled map',
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    counts: {
      factors: countKind(elements, 'factor'),
      actors: countKind(elements, 'actor'),
      causalLinks: connections.filter((c) => c.kind === 'causal').length,
      relationships: connections.filter((c) => c.kind === 'relationship' && !c.proposed).length,
      loops: allLoops.length,
      reinforcing: analysis.system.loops.reinforcing,
      balancing: analysis.system.loops.balancing,
    },
    agenda: session.phases.map((p) => ({ title: p.title, minutes: p.minutes, prompt: p.prompt })),
    loops,
    loopsOmitted: Math.max(0, allLoops.length - loops.length),
    leverage,
    votes,
    introductions,
    suggestedIntroductions,
    clusters,
    brokers,
    actions,
    reflections,
    sources,
    participants: [...participants].sort((a, b) => a.localeCompare(b)),
    map,
    stories: reportStories(map, input.stories ?? []),
  };
}
