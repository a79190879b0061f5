/** Small helpers that turn analysis results into plain English for workshop participants. */

/** A label in single quotes, shortened so one long label cannot flood a sentence. */
export function quoted(label: string, max = 60): string {
  const clean = label.replace(/\s+/g, ' ').trim() || 'untitled';
  return `'${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}'`;
}

/** "a", "a and b", "a, b and c", "a, b and 3 more". */
export function listPhrase(items: readonly string[], max = 3): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (items.length <= max)
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
  return `${items.slice(0, max - 1).join(', ')} and ${items.length - (max - 1)} more`;
}

/** "1 loop", "7 loops". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
