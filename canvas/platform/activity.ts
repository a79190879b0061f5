import type { ConnectionRecord, ElementRecord, MapSnapshot } from '../../shared/schema/types';
import { kindWord } from '../../shared/schema/vocab/element-kinds';

/**
 * Words for what one transaction changed in a map ("added factor “Trust”", "renamed “A” to
 * “B”", "moved 3 elements"), for the Activity feed. Pure: it compares two snapshots over the
 * ids a `SnapshotChange` says were touched.
 */

const q = (s: string) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s || 'untitled'}”`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function elementFieldChanges(a: ElementRecord, b: ElementRecord): string[] {
  const out: string[] = [];
  if (a.label !== b.label) out.push(`renamed ${q(a.label)} to ${q(b.label)}`);
  const others: string[] = [];
  if (a.kind !== b.kind) others.push('kind');
  if (a.description !== b.description) others.push('description');
  if (a.tags.join('\u0000') !== b.tags.join('\u0000')) others.push('tags');
  if (a.actorType !== b.actorType) others.push('actor type');
  if (a.leverageLevel !== b.leverageLevel) others.push('leverage level');
  if (a.color !== b.color) others.push('colour');
  if (a.pinned !== b.pinned) others.push('pinning');
  if (a.parent !== b.parent) others.push('frame');
  if (others.length) out.push(`changed the ${others.join(', ')} of ${q(b.label)}`);
  return out;
}

const arrow = (c: ConnectionRecord) =>
  c.direction === 'directed' ? '→' : c.direction === 'mutual' ? '↔' : '—';

function connectionName(c: ConnectionRecord, snap: MapSnapshot): string {
  const from = snap.elements.get(c.from)?.label ?? '?';
  const to = snap.elements.get(c.to)?.label ?? '?';
  return `${q(from)} ${arrow(c)} ${q(to)}`;
}

export interface ActivitySummary {
  /** One sentence without the subject: "added factor “Trust”". */
  readonly text: string;
  /** Element ids the change is about (to reveal them on the map). */
  readonly elementIds: readonly string[];
}

export function describeChange(
  prev: MapSnapshot,
  next: MapSnapshot,
  changedElements: ReadonlySet<string>,
  changedConnections: ReadonlySet<string>,
): ActivitySummary | null {
  const added: ElementRecord[] = [];
  const removed: ElementRecord[] = [];
  const moved: ElementRecord[] = [];
  const phrases: string[] = [];
  const ids: string[] = [];
  for (const id of changedElements) {
    const a = prev.elements.get(id);
    const b = next.elements.get(id);
    if (!a && b) added.push(b);
    else if (a && !b) removed.push(a);
    else if (a && b && a !== b) {
      if (a.position[0] !== b.position[0] || a.position[1] !== b.position[1]) moved.push(b);
      phrases.push(...elementFieldChanges(a, b));
      ids.push(id);
    }
  }
  const connAdded: ConnectionRecord[] = [];
  const connRemoved: ConnectionRecord[] = [];
  for (const id of changedConnections) {
    const a = prev.connections.get(id);
    const b = next.connections.get(id);
    if (!a && b) connAdded.push(b);
    else if (a && !b) {
      // Connections that went with a removed element are said with it.
      if (next.elements.has(a.from) && next.elements.has(a.to)) connRemoved.push(a);
    } else if (a && b && a !== b) {
      const what: string[] = [];
      if (a.polarity !== b.polarity)
        what.push(`made ${connectionName(b, next)} ${b.polarity === '-' ? '−' : '+'}`);
      const others: string[] = [];
      if (a.kind !== b.kind) others.push('kind');
      if (a.delay !== b.delay) others.push('delay');
      if (a.direction !== b.direction) others.push('direction');
      if (a.strength !== b.strength) others.push('strength');
      if (a.weight !== b.weight) others.push('weight');
      if (a.label !== b.label) others.push('label');
      if (a.description !== b.description) others.push('description');
      if (a.tags.join('\u0000') !== b.tags.join('\u0000')) others.push('tags');
      if (others.length)
        what.push(`changed the ${others.join(', ')} of ${connectionName(b, next)}`);
      phrases.push(...what);
      ids.push(b.from, b.to);
    }
  }
  const lead: string[] = [];
  if (added.length === 1) lead.push(`added ${kindWord(added[0]!.kind)} ${q(added[0]!.label)}`);
  else if (added.length > 1) lead.push(`added ${plural(added.length, 'element')}`);
  if (removed.length === 1)
    lead.push(`removed ${kindWord(removed[0]!.kind)} ${q(removed[0]!.label)}`);
  else if (removed.length > 1) lead.push(`removed ${plural(removed.length, 'element')}`);
  if (connAdded.length === 1) {
    const c = connAdded[0]!;
    const sign = c.kind === 'causal' ? ` (${c.polarity === '-' ? '−' : '+'})` : '';
    lead.push(`connected ${connectionName(c, next)}${sign}`);
    ids.push(c.from, c.to);
  } else if (connAdded.length > 1) lead.push(`added ${plural(connAdded.length, 'connection')}`);
  if (connRemoved.length === 1)
    lead.push(`removed the connection ${connectionName(connRemoved[0]!, prev)}`);
  else if (connRemoved.length > 1) lead.push(`removed ${plural(connRemoved.length, 'connection')}`);
  if (moved.length === 1 && phrases.length === 0) lead.push(`moved ${q(moved[0]!.label)}`);
  else if (moved.length > 1) lead.push(`moved ${plural(moved.length, 'element')}`);
  const all = [...lead, ...phrases];
  if (!all.length) return null;
  const text =
    all.length > 3
      ? `${all.slice(0, 3).join('; ')} and ${plural(all.length - 3, 'more change')}`
      : all.join('; ');
  return {
    text,
    elementIds: [...new Set([...added.map((e) => e.id), ...ids])].filter((id) =>
      next.elements.has(id),
    ),
  };
}
