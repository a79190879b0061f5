import { HocuspocusProvider } from '@hocuspocus/provider';

/**
 * The host connection, sending the host only what this client wrote itself (and what it
 * loaded from this device), never what it received from peers over the mesh.
 *
 * Hocuspocus's provider sends the host every document update not from itself, so an update
 * received over the y-webrtc mesh was passed on by every peer. A facilitator's agenda change
 * then reached the host from a participant's connection whenever the mesh was faster than the
 * facilitator's own socket; the host, rightly, refused it from an edit link, and the
 * participant's map reloaded mid-workshop. The author's own connection delivers each update
 * (and its acknowledgement is what "Saved" means); a peer that is offline from the host sends
 * what it lacks on its next sync, as before.
 */
export class HostProvider extends HocuspocusProvider {
  /** Whether a transaction origin is the peer mesh (set once the mesh exists). */
  fromMesh: (origin: unknown) => boolean = () => false;

  override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
    if (this.fromMesh(origin)) return;
    super.documentUpdateHandler(update, origin);
  }
}
