import type { ActorMetrics, Loop, MapAnalysis } from '../../../shared/analysis/index';
import type { MapSnapshot } from '../../../shared/schema/types';
import {
  LINE_WIDTH,
  UNSAFE,
  oneLine,
  short,
  fmtInt,
  fmt3,
  count,
  sentence,
  wrap,
  wrapPieces,
  table,
  heading,
  subheading,
  leftOver,
} from './text-layout';

/** `weavemap analyze`'s plain-text report: summary, loops, leverage, network, for a researcher. */

/** Rows each list shows unless `--top` says otherwise. */
export const DEFAULT_TOP = 20;

/** The arrow into the next factor: `->`, `-(-)->` for a negative link, `||` marks a delay. */
function arrow(snapshot: MapSnapshot, connectionId: string): string {
  const c = snapshot.connections.get(connectionId);
  const negative = c?.polarity === '-';
  const delay = c?.delay === true;
  const marks = `${negative ? '(-)' : ''}${delay ? '||' : ''}`;
  return marks ? ` -${marks}-> ` : ' -> ';
}

function loopChain(snapshot: MapSnapshot, loop: Loop): string[] {
  const label = (id: string) => short(snapshot.elements.get(id)?.label ?? id, 60);
  const pieces = loop.elements.map((id, i) =>
    i === 0 ? label(id) : `${arrow(snapshot, loop.connections[i - 1]!)}${label(id)}`,
  );
  pieces.push(`${arrow(snapshot, loop.connections[loop.length - 1]!)}${label(loop.elements[0]!)}`);
  return wrapPieces(pieces, LINE_WIDTH, '      ');
}

function summarySection(snapshot: MapSnapshot, result: MapAnalysis): string[] {
  const byKind = new Map<string, number>();
  for (const e of snapshot.elements.values()) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
  const linkKinds = new Map<string, number>();
  for (const c of snapshot.connections.values())
    linkKinds.set(c.kind, (linkKinds.get(c.kind) ?? 0) + 1);
  const kinds = (m: Map<string, number>, names: Record<string, [string, string]>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => count(n, names[k]?.[0] ?? k, names[k]?.[1] ?? `${k}s`))
      .join(', ');
  const elementNames: Record<string, [string, string]> = {
    factor: ['factor', 'factors'],
    actor: ['actor', 'actors'],
    intervention: ['intervention', 'interventions'],
    note: ['note', 'notes'],
    group: ['frame', 'frames'],
  };
  const linkNames: Record<string, [string, string]> = {
    causal: ['causal link', 'causal links'],
    relationship: ['relationship', 'relationships'],
  };
  const { system, network } = result;
  const rows: [string, string][] = [
    [
      'Elements',
      `${fmtInt(snapshot.elements.size)}${byKind.size ? ` (${kinds(byKind, elementNames)})` : ''}`,
    ],
    ['Factors', fmtInt(byKind.get('factor') ?? 0)],
    ['Actors', fmtInt(network.actors.length)],
    [
      'Links',
      `${fmtInt(snapshot.connections.size)}${linkKinds.size ? ` (${kinds(linkKinds, linkNames)})` : ''}`,
    ],
    [
      'System lens',
      `${count(system.factors, 'element')} in ${count(system.causalLinks, 'usable causal link')}`,
    ],
    ['Network lens', `${count(network.actors.length, 'actor')}, ${count(network.ties, 'tie')}`],
    ['Analysed in', `${result.elapsedMs} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [...heading('Summary'), ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
}

function loopsSection(
  snapshot: MapSnapshot,
  result: MapAnalysis,
  top: number,
  label: (id: string) => string,
): string[] {
  const { loops, loopNotes } = result.system;
  const lines = [...heading('Feedback loops'), loops.summary];
  const names = new Map<string, string>();
  for (const m of loopNotes) if (m.loop && m.name.trim()) names.set(m.loop.signature, m.name);
  if (loops.loops.length) {
    lines.push('Arrows: -> same direction, -(-)-> opposite direction, || with a delay.', '');
    const shown = loops.loops.slice(0, top);
    const labelWidth = Math.max(...shown.map((l) => l.label.length));
    for (const loop of shown) {
      const name = names.get(loop.signature);
      const facts = [
        loop.polarity === 'R' ? 'reinforcing' : 'balancing',
        count(loop.length, 'link'),
        loop.hasDelay ? 'delayed' : '',
        loop.assumedPositive.length
          ? `${count(loop.assumedPositive.length, 'link')} without polarity, counted as +`
          : '',
      ].filter(Boolean);
      lines.push(
        `  ${loop.label.padEnd(labelWidth)}  ${facts.join(', ')}${name ? `  "${short(name, 60)}"` : ''}`,
        ...loopChain(snapshot, loop),
      );
    }
    lines.push(...leftOver(loops.loops.length, shown.length, 'loops'));
  }
  if (loops.skipped.length)
    lines.push(
      '',
      `${count(loops.skipped.length, 'causal link')} left out of the loop search (no direction of influence, or a self-link): see --json "skipped".`,
    );
  if (loopNotes.length) {
    lines.push(...subheading('Loops the group named'));
    const shown = loopNotes.slice(0, top);
    for (const m of shown) {
      const name = m.name.trim() ? `"${short(m.name, 60)}"` : '(unnamed note)';
      const where = m.loop ? `${m.loop.label || 'not listed'}, ${m.status}` : m.status;
      lines.push(`  ${name}  (${where})`);
      if (m.note.trim()) lines.push(...wrap(`Note: ${m.note}`, LINE_WIDTH, '      '));
      if (m.status === 'broken') {
        lines.push(...wrap(sentence(m.explanation), LINE_WIDTH, '      '));
        lines.push(...wrap(`Members: ${m.members.map(label).join(', ')}.`, LINE_WIDTH, '      '));
        if (m.missingMembers.length)
          lines.push(
            ...wrap(
              `No longer in a causal link: ${m.missingMembers.map(label).join(', ')}.`,
              LINE_WIDTH,
              '      ',
            ),
          );
      }
    }
    lines.push(...leftOver(loopNotes.length, shown.length, 'named loops'));
  }
  return lines;
}

function leverageSection(result: MapAnalysis, top: number): string[] {
  const { leverage, movers } = result.system;
  const lines = [...heading('Leverage')];
  if (!leverage.length) {
    lines.push('No leverage points yet: draw causal links between factors.');
    return lines;
  }
  lines.push(
    'Ranked by loops through each factor, how far it reaches, how many paths it lies on' +
      (leverage.some((c) => c.votes > 0) ? ', and the group’s revealed votes.' : '.'),
    '',
  );
  const moversOf = new Map(movers.map((m) => [m.elementId, m.actors]));
  const shown = leverage.slice(0, top);
  const rankWidth = String(shown[shown.length - 1]!.rank).length;
  for (const c of shown) {
    const level =
      c.level === null
        ? ''
        : `  Meadows ${c.level}${c.levelSource === 'suggested' ? ' (suggested)' : ''}: ${c.levelName ?? ''}`;
    const votes = c.votes > 0 ? `  ${count(c.votes, 'vote')}` : '';
    lines.push(
      `  ${String(c.rank).padStart(rankWidth)}. ${short(c.label, 60)}  score ${c.score.toFixed(3)}${votes}`,
    );
    const pad = ' '.repeat(rankWidth + 4);
    if (level) lines.push(...wrap(level.trim(), LINE_WIDTH, pad));
    lines.push(...wrap(sentence(c.explanation), LINE_WIDTH, pad));
    const actors = moversOf.get(c.elementId);
    if (actors) {
      const names = actors.map((a) =>
        a.distance === 1
          ? `${short(a.label)}${a.influences ? ' (directly)' : ' (linked)'}`
          : `${short(a.label)} (via ${a.via.map((v) => short(v.label)).join(', ')})`,
      );
      lines.push(
        ...wrap(
          `Who can move it: ${names.length ? names.join('; ') : 'no actor is linked to it yet'}.`,
          LINE_WIDTH,
          pad,
        ),
      );
    }
  }
  lines.push(...leftOver(leverage.length, shown.length, 'leverage points'));
  return lines;
}

function byBetweenness(a: ActorMetrics, b: ActorMetrics): number {
  return (
    b.betweenness - a.betweenness ||
    b.degree - a.degree ||
    (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function networkSection(result: MapAnalysis, top: number, label: (id: string) => string): string[] {
  const net = result.network;
  const lines = [...heading('Network metrics')];
  if (!net.actors.length) {
    lines.push('No actors on the map: the network lens has nothing to measure.');
    return lines;
  }
  lines.push(
    `${count(net.actors.length, 'actor')}, ${count(net.ties, 'tie')}, ${count(net.clusters.length, 'cluster')}` +
      (net.clusters.length > 1 ? ` (modularity ${net.modularity.toFixed(2)}).` : '.'),
  );
  if (!net.betweennessSample.exact)
    lines.push(
      `Betweenness and closeness are estimated from a sample of ${fmtInt(net.betweennessSample.samples)} of ${fmtInt(net.betweennessSample.of)} actors.`,
    );
  if (!net.eigenvectorConverged)
    lines.push('Eigenvector centrality did not settle: read it as approximate.');
  const sorted = [...net.actors].sort(byBetweenness);
  const shown = sorted.slice(0, top);
  lines.push(
    shown.length < sorted.length
      ? `Sorted by betweenness; the top ${fmtInt(shown.length)} of ${fmtInt(sorted.length)}.`
      : 'Sorted by betweenness.',
    '',
  );
  lines.push(
    ...table(
      [
        { title: 'Actor' },
        { title: 'Degree', right: true },
        { title: 'In', right: true },
        { title: 'Out', right: true },
        { title: 'Betweenness', right: true },
        { title: 'Closeness', right: true },
        { title: 'Eigenvector', right: true },
        { title: 'Cluster', right: true },
        { title: 'Constraint', right: true },
        { title: 'Eff. size', right: true },
      ],
      shown.map((a) => [
        short(a.label, 30),
        String(a.degree),
        String(a.inDegree),
        String(a.outDegree),
        fmt3(a.betweenness),
        fmt3(a.closeness),
        fmt3(a.eigenvector),
        a.isolate ? '-' : String(a.cluster + 1),
        fmt3(a.constraint),
        a.effectiveSize === null ? '-' : a.effectiveSize.toFixed(2),
      ]),
    ),
  );
  lines.push(...leftOver(sorted.length, shown.length, 'actors'));

  lines.push(...heading('Clusters'));
  const clusters = net.clusters.slice(0, top);
  for (const c of clusters) {
    const members = c.members.slice(0, top).map(label);
    const more =
      c.members.length > members.length
        ? ` and ${fmtInt(c.members.length - members.length)} more`
        : '';
    lines.push(`  ${c.label}: ${count(c.size, 'actor')}`);
    lines.push(...wrap(`${members.join(', ')}${more}.`, LINE_WIDTH, '      '));
  }
  lines.push(...leftOver(net.clusters.length, clusters.length, 'clusters'));

  lines.push(...heading('Brokers'));
  if (!net.brokers.length) lines.push('No brokers: nobody links contacts who are not linked.');
  const brokers = net.brokers.slice(0, top);
  for (const b of brokers) {
    lines.push(
      `  ${short(b.label)}  constraint ${b.constraint.toFixed(3)}, effective size ${b.effectiveSize.toFixed(2)}, ${count(b.degree, 'contact')}`,
      ...wrap(sentence(b.explanation), LINE_WIDTH, '      '),
    );
  }
  lines.push(...leftOver(net.brokers.length, brokers.length, 'brokers'));

  lines.push(...heading('Bridges'));
  if (!net.bridges.length) lines.push('No bridges: no single tie holds two parts together.');
  const bridges = net.bridges.slice(0, top);
  for (const b of bridges) {
    lines.push(
      `  ${label(b.from)} -- ${label(b.to)}${b.pendant ? '  (the only way in)' : `  (${fmtInt(b.fromSide)} | ${fmtInt(b.toSide)} people)`}`,
      ...wrap(sentence(b.explanation), LINE_WIDTH, '      '),
    );
  }
  lines.push(...leftOver(net.bridges.length, bridges.length, 'bridges'));

  lines.push(...heading('Isolates'));
  if (!net.isolates.length) lines.push('None: every actor has at least one relationship.');
  else
    lines.push(
      ...wrap(
        `${net.isolates
          .slice(0, top)
          .map((i) => short(i.label))
          .join(', ')}.`,
        LINE_WIDTH,
        '  ',
      ),
    );
  lines.push(...leftOver(net.isolates.length, Math.min(top, net.isolates.length), 'isolates'));

  lines.push(...heading('Weaving suggestions'));
  if (!net.weaving.length)
    lines.push(
      'No introductions to suggest: no two actors in different clusters share a tag, a factor or a contact.',
    );
  const weaving = net.weaving.slice(0, top);
  for (const w of weaving) {
    lines.push(
      `  ${short(w.aLabel)} + ${short(w.bLabel)}  (clusters ${w.clusterA + 1} and ${w.clusterB + 1})`,
      ...wrap(sentence(w.reason), LINE_WIDTH, '      '),
    );
  }
  lines.push(...leftOver(net.weaving.length, weaving.length, 'suggestions'));
  return lines;
}

/** The analysis as plain text for a researcher: sections, columns, no colours. */
export function analysisText(
  snapshot: MapSnapshot,
  result: MapAnalysis,
  options: { file?: string; top?: number } = {},
): string {
  const top = options.top ?? DEFAULT_TOP;
  const label = (id: string) => short(snapshot.elements.get(id)?.label ?? id);
  const title = oneLine(String(snapshot.meta.title ?? '')) || 'Untitled map';
  const lines = [
    `Weavemap analysis: ${title}`,
    ...(options.file ? [`File: ${options.file}`] : []),
    ...summarySection(snapshot, result),
    ...loopsSection(snapshot, result, top, label),
    ...leverageSection(result, top),
    ...networkSection(result, top, label),
  ];
  return lines.join('\n').replace(UNSAFE, '');
}
