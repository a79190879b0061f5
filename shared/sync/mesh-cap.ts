import type { Awareness } from 'y-protocols/awareness';

/**
 * The peer mesh is for small groups. y-webrtc connects every peer to every other (its README:
 * "not suited for a large amount of collaborators"): 30 editors would hold 870 connections
 * between them. Above `cap` editors everyone leaves the mesh and syncs through the host alone,
 * which carries every edit anyway, so nobody sees a difference but the latency of the fast path.
 *
 * Who counts: every client that could join the mesh (an edit or facilitator link) says so with
 * the awareness field `peerMesh: true`, which reaches everyone through the host. Everyone sees
 * the same count, so the whole room leaves or rejoins together. The gate rejoins only when the
 * count is `hysteresis` below the cap, so a room at the cap does not flap.
 */
export const MESH_CAP = 12;
export const MESH_FIELD = 'peerMesh';

export interface MeshCapOptions {
  readonly cap?: number;
  readonly hysteresis?: number;
  /** Whether this client could join the mesh (edit and facilitator links). */
  readonly eligible: boolean;
  /** Called when the room crosses the cap: false means leave the mesh, true rejoin. */
  readonly onChange: (allowed: boolean) => void;
}

export interface MeshCapGate {
  /** Whether the room is small enough for the mesh right now. */
  allowed(): boolean;
  /** How many clients in the room could join the mesh (this one included). */
  count(): number;
  dispose(): void;
}

export function meshCapGate(awareness: Awareness, opts: MeshCapOptions): MeshCapGate {
  const cap = opts.cap ?? MESH_CAP;
  const hysteresis = opts.hysteresis ?? 2;
  let allowed = true;
  let count = 0;

  /** Keeps this client's own field in its presence (presence code may replace the state). */
  const claim = () => {
    const local = awareness.getLocalState();
    if (!opts.eligible || local === null) return;
    if ((local as Record<string, unknown>)[MESH_FIELD] !== true)
      awareness.setLocalStateField(MESH_FIELD, true);
  };
  const recount = () => {
    let n = 0;
    awareness.getStates().forEach((state) => {
      if ((state as Record<string, unknown>)[MESH_FIELD] === true) n++;
    });
    count = n;
    const next = allowed ? n <= cap : n <= cap - hysteresis;
    if (next !== allowed) {
      allowed = next;
      opts.onChange(allowed);
    }
  };
  const onChange = () => {
    claim();
    recount();
  };
  awareness.on('change', onChange);
  claim();
  recount();
  return {
    allowed: () => allowed,
    count: () => count,
    dispose: () => awareness.off('change', onChange),
  };
}
