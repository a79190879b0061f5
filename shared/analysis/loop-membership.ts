/**
 * Which loops each element is in, by the loops' display labels (R1, B2, ...), in result order:
 * what the Outline announces ("Factor: Household savings, in loops R1 and B2").
 */
export function loopMembership(
  loops: readonly { readonly label: string; readonly elements: readonly string[] }[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const loop of loops)
    for (const id of new Set(loop.elements)) {
      const list = out.get(id);
      if (list) list.push(loop.label);
      else out.set(id, [loop.label]);
    }
  return out;
}
