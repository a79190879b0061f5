import type { Peer } from './presence';

/**
 * Keeping a room of 200 readable (#17): the title bar shows a few avatars and a count, the map
 * draws the cursors of people near what you look at, the People view searches by name.
 */

/** Avatars shown in the title bar before the rest collapse into "+N". */
export const AVATARS_SHOWN = 6;
/** Cursors drawn at most, nearest to the centre of the view first (whom you follow always). */
export const CURSORS_SHOWN = 25;
/** Above this many people the People view offers a search box. */
export const SEARCH_FROM = 8;

/** The first `max` people to show as avatars, and how many more there are. */
export function collapseAvatars<T>(
  peers: readonly T[],
  max = AVATARS_SHOWN,
): { shown: T[]; more: number } {
  // Collapsing a single avatar into "+1" saves nothing.
  if (peers.length <= max + 1) return { shown: [...peers], more: 0 };
  return { shown: peers.slice(0, max), more: peers.length - max };
}

export interface MapRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The peers whose cursor to draw: those inside the visible map (`rect`, map units), nearest to
 * its centre first, at most `max`; the person followed always. Cursors far away are not drawn.
 */
export function cursorsToShow(
  peers: readonly Peer[],
  rect: MapRect,
  followed: number | null,
  max = CURSORS_SHOWN,
): Peer[] {
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const inView: { p: Peer; d: number }[] = [];
  const out: Peer[] = [];
  for (const p of peers) {
    if (!p.cursor) continue;
    if (p.clientId === followed) {
      out.push(p);
      continue;
    }
    const { x, y } = p.cursor;
    if (x < rect.x || y < rect.y || x > rect.x + rect.width || y > rect.y + rect.height) continue;
    inView.push({ p, d: (x - cx) ** 2 + (y - cy) ** 2 });
  }
  inView.sort((a, b) => a.d - b.d);
  for (const { p } of inView) {
    if (out.length >= max) break;
    out.push(p);
  }
  return out;
}

/** People whose name contains every word of `query` (case- and accent-insensitive). */
export function searchPeople<T extends { readonly user: { readonly name: string } }>(
  peers: readonly T[],
  query: string,
): T[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...peers];
  return peers.filter((p) => {
    const name = fold(p.user.name);
    return words.every((w) => name.includes(w));
  });
}
