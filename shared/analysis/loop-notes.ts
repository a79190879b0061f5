import type { LoopNoteRecord } from '../schema/types';
import type { CausalGraph } from './causal-graph';
import { buildCausalGraph } from './causal-graph';
import type { MapData, MapLike } from './input';
import { asMapData } from './input';
import type { Loop, LoopsResult } from './loops';
import { loopFromMembers, loopFromSignature } from './loops';
import { listPhrase, quoted } from './phrase';

/** What became of a loop the group named. */
export interface LoopNoteMatch {
  readonly signature: string;
  readonly name: string;
  readonly note: string;
  /**
   * - `found`: the loop exists with the same links.
   * - `relinked`: the same factors still form a loop in the same order, through redrawn links;
   *   `loop.signature` is its new key, so the name can move to it.
   * - `broken`: the loop no longer exists; the name and members are kept so it can be shown.
   */
  readonly status: 'found' | 'relinked' | 'broken';
  /** The loop as it is now (found or relinked), otherwise null. */
  readonly loop: Loop | null;
  /** Element ids of the loop as remembered in the note. */
  readonly members: readonly string[];
  /** Remembered members that no longer take part in any causal link (deleted or disconnected). */
  readonly missingMembers: readonly string[];
  readonly explanation: string;
}

/**
 * Matches the group's loop names and notes to the loops of the map as it is now. A named loop
 * is never dropped: if an edit broke it, it comes back as `broken` with its name and members.
 *
 * `loops` is the result of `findLoops`. Pass the map as well so that a named loop left out of a
 * truncated list, or whose links were redrawn, is checked directly in the graph (without the
 * map, a note whose signature is not in `loops` counts as broken).
 */
export function matchLoopNotes(
  loops: LoopsResult | readonly Loop[],
  loopNotes: readonly LoopNoteRecord[],
  map?: MapLike | MapData | CausalGraph,
): LoopNoteMatch[] {
  const list = Array.isArray(loops) ? (loops as readonly Loop[]) : (loops as LoopsResult).loops;
  const bySignature = new Map(list.map((l) => [l.signature, l]));
  const graph = map === undefined ? undefined : 'arcTo' in map ? map : buildCausalGraph(map);
  const data = map !== undefined && !('arcTo' in map) ? asMapData(map) : undefined;
  const label = (id: string) => quoted(data?.byId.get(id)?.label ?? id);
  return loopNotes.map((note) => {
    const name = note.name.trim() ? quoted(note.name) : 'This loop';
    const base = {
      signature: note.signature,
      name: note.name,
      note: note.note,
      members: note.members,
    };
    const same =
      bySignature.get(note.signature) ?? (graph ? loopFromSignature(graph, note.signature) : null);
    if (same) {
      const labelled = bySignature.get(same.signature) ?? same;
      return {
        ...base,
        status: 'found',
        loop: labelled,
        missingMembers: [],
        explanation: `${name} is still there.`,
      };
    }
    const redrawn = graph ? loopFromMembers(graph, note.members) : null;
    if (redrawn) {
      return {
        ...base,
        status: 'relinked',
        loop: bySignature.get(redrawn.signature) ?? redrawn,
        missingMembers: [],
        explanation: `${name} still runs through the same factors, along redrawn links.`,
      };
    }
    const missingMembers = graph ? note.members.filter((id) => !graph.indexOf.has(id)) : [];
    const why =
      missingMembers.length > 0
        ? `${listPhrase(missingMembers.map(label))} ${missingMembers.length === 1 ? 'is' : 'are'} no longer linked into it`
        : 'a link in it was removed, reversed or made undirected';
    return {
      ...base,
      status: 'broken',
      loop: null,
      missingMembers,
      explanation: `${name} is broken: ${why}.`,
    };
  });
}
