import { authorOfClient } from '../../../shared/domain/authors';
import { describeChange } from '../../platform/activity';
import type { MapChange, MapSession } from '../../platform/map-session.svelte';
import type { Workbench } from '../../workbench/workbench.svelte';

/** One line of the Activity feed. */
export interface ActivityEntry {
  readonly seq: number;
  readonly at: number;
  readonly who: string;
  readonly color: string | null;
  readonly mine: boolean;
  readonly text: string;
  readonly elementIds: readonly string[];
}

const MAX = 300;

/**
 * Who changed what, live, from the document's own updates: each transaction after the first
 * sync becomes a line, attributed through the document client ids that wrote it (matched to
 * people through awareness) or, for new records, their `createdBy`.
 */
export class ActivityLog {
  entries = $state.raw<readonly ActivityEntry[]>([]);
  #seq = 0;
  #live = false;
  #stop: () => void;

  constructor(private readonly session: MapSession) {
    this.#stop = session.onChange((c) => this.#hear(c));
    const conn = session.connection;
    if (conn) void conn.whenSynced().then(() => (this.#live = true));
    else this.#live = true;
  }

  #who(c: MapChange): { who: string; color: string | null; mine: boolean } {
    if (c.local || c.authors.includes(this.session.clientId))
      return { who: 'You', color: this.session.user.color, mine: true };
    for (const client of c.authors) {
      const u = this.session.userForClient(client);
      if (u) return { who: u.name, color: u.color, mine: false };
      // Not seen online by this screen: the user id the client signed its removals with.
      const id = authorOfClient(this.session.doc, client);
      const peer = id ? this.session.peers.find((p) => p.user.id === id) : undefined;
      if (peer) return { who: peer.user.name, color: peer.user.color, mine: false };
    }
    for (const id of c.changedElements) {
      const by = c.snapshot.elements.get(id)?.createdBy;
      const peer = by ? this.session.peers.find((p) => p.user.id === by) : undefined;
      if (peer && !c.previous.elements.has(id))
        return { who: peer.user.name, color: peer.user.color, mine: false };
    }
    return { who: 'Someone', color: null, mine: false };
  }

  #hear(c: MapChange): void {
    if (!this.#live) return;
    const summary = describeChange(c.previous, c.snapshot, c.changedElements, c.changedConnections);
    if (!summary) return;
    const who = this.#who(c);
    const entry: ActivityEntry = {
      seq: ++this.#seq,
      at: Date.now(),
      ...who,
      text: summary.text,
      elementIds: summary.elementIds,
    };
    // Successive moves by one person of the same things fold into one line.
    const last = this.entries[0];
    if (last && last.who === entry.who && last.text === entry.text && entry.at - last.at < 5000)
      this.entries = [entry, ...this.entries.slice(1)];
    else this.entries = [entry, ...this.entries].slice(0, MAX);
  }

  destroy(): void {
    this.#stop();
  }
}

const logs = new WeakMap<Workbench, ActivityLog>();

/** The open map's activity log (kept while the map is open, whether the panel shows or not). */
export function activityLog(wb: Workbench): ActivityLog | undefined {
  return logs.get(wb);
}

export function startActivityLog(wb: Workbench): () => void {
  const log = new ActivityLog(wb.session);
  logs.set(wb, log);
  return () => {
    log.destroy();
    logs.delete(wb);
  };
}
