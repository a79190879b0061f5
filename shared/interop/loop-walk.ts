import type { ImportedConnection } from './model';

/**
 * Orders a loop's connections (file ids, any order) into a closed walk: the tokens (a connection
 * id, or the id followed by `~` when a mutual or undirected link is walked backwards) and the
 * elements in walk order. Undefined when they are not one closed loop.
 */
export function walkLoop(
  refs: readonly string[],
  connRef: ReadonlyMap<string, string>,
  connections: readonly ImportedConnection[],
): { tokens: string[]; members: string[] } | undefined {
  const byId = new Map(connections.map((c) => [c.id, c]));
  const list: ImportedConnection[] = [];
  for (const r of refs) {
    const c = byId.get(connRef.get(r) ?? '');
    if (!c) return undefined;
    list.push(c);
  }
  if (list.length < 2 && !(list.length === 1 && list[0]!.direction === 'mutual')) return undefined;
  if (list.length === 1) {
    const c = list[0]!;
    return { tokens: [c.id, `${c.id}~`], members: [c.from, c.to] };
  }
  const first = list[0]!;
  const walk = (back: boolean): { tokens: string[]; members: string[] } | undefined => {
    const left = new Set(list.slice(1));
    const tokens = [back ? `${first.id}~` : first.id];
    const start = back ? first.to : first.from;
    const members = [start];
    let at = back ? first.from : first.to;
    while (left.size) {
      let next: { c: ImportedConnection; back: boolean } | undefined;
      for (const c of left) {
        if (c.from === at) next = { c, back: false };
        else if (c.to === at && c.direction !== 'directed') next = { c, back: true };
        if (next) break;
      }
      if (!next) return undefined;
      left.delete(next.c);
      members.push(at);
      tokens.push(next.back ? `${next.c.id}~` : next.c.id);
      at = next.back ? next.c.from : next.c.to;
    }
    return at === start ? { tokens, members } : undefined;
  };
  return walk(false) ?? (first.direction === 'directed' ? undefined : walk(true));
}
