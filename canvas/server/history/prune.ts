import type { VersionReason } from './store';

/**
 * Which versions a room keeps (the policy in docs/architecture.md, "History"):
 * - named versions: always;
 * - automatic and phase versions less than a day old: all (they are rate-limited as they are
 *   taken: automatic ones minutes apart, at most one per phase per minute);
 * - from a day to 30 days old: the newest in each hour, per reason and name (one automatic
 *   version an hour, one version of each phase an hour);
 * - older: the newest in each day, per reason and name;
 * - and never more than `maxAuto` automatic versions, the oldest going first.
 */
export const KEEP_ALL_MS = 24 * 60 * 60_000;
export const HOURLY_UNTIL_MS = 30 * KEEP_ALL_MS;
const HOUR_MS = 60 * 60_000;

export interface PruneCandidate {
  id: string;
  reason: VersionReason;
  name: string;
  createdAt: number;
}

/** The ids the policy drops from `versions` (any order) at time `now`. */
export function versionsToPrune(
  versions: readonly PruneCandidate[],
  now: number,
  maxAuto: number,
): string[] {
  const newestFirst = [...versions].sort((a, b) => b.createdAt - a.createdAt);
  const drop: string[] = [];
  const buckets = new Set<string>();
  let autos = 0;
  for (const v of newestFirst) {
    if (v.reason === 'named') continue;
    const age = now - v.createdAt;
    let keep = true;
    if (age >= KEEP_ALL_MS) {
      const width = age < HOURLY_UNTIL_MS ? HOUR_MS : KEEP_ALL_MS;
      const bucket = `${v.reason}\n${v.name}\n${width}\n${Math.floor(v.createdAt / width)}`;
      keep = !buckets.has(bucket);
      buckets.add(bucket);
    }
    if (keep && v.reason === 'auto') keep = ++autos <= maxAuto;
    if (!keep) drop.push(v.id);
  }
  return drop;
}
