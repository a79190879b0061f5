/**
 * The y-webrtc room password derives from the edit secret, so only edit-link holders can read
 * the peer mesh's (encrypted) traffic; view-link holders never join it.
 */
export async function deriveMeshPassword(editSecret: string): Promise<string> {
  const data = new TextEncoder().encode(`weavemap/mesh/v1:${editSecret}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The peer mesh's room name: not the bare room id, so signaling topics reveal nothing usable. */
export async function meshRoomName(roomId: string, editSecret: string): Promise<string> {
  const data = new TextEncoder().encode(`weavemap/topic/v1:${roomId}:${editSecret}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return 'wm-' + Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The edit secret a facilitator secret implies (see canvas/server/rooms/secrets.ts): lets a
 * facilitator link join the peer mesh like an edit link. One-way.
 */
export async function editSecretFromFacilitator(facilitatorSecret: string): Promise<string> {
  const data = new TextEncoder().encode(`weavemap/edit-from-facilitator/v1:${facilitatorSecret}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data)).subarray(0, 24);
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
