/**
 * y-webrtc encrypts every signaling message (offer, answer, ICE candidates) with its own
 * `crypto.subtle.encrypt` call and sends it when that promise settles. WebCrypto gives no
 * ordering guarantee between calls (Node runs them on a thread pool), so an ICE candidate can
 * overtake its offer, and the receiver's decrypts can likewise complete out of order. Measured:
 * with a password, meshes of 8 peers regularly left a peer unconnected.
 *
 * This wrapper keeps WebCrypto's parallelism but makes `encrypt` and `decrypt` results settle in
 * the order the calls were made (per operation), which is all y-webrtc's protocol assumes.
 * Installed once, before the first WebrtcProvider is created.
 */

type Op = 'encrypt' | 'decrypt';
const INSTALLED = Symbol.for('weavemap.orderedCrypto');

export function preserveCryptoOrder(subtle: SubtleCrypto = globalThis.crypto.subtle): void {
  const target = subtle as SubtleCrypto & { [INSTALLED]?: true };
  if (target[INSTALLED]) return;
  for (const op of ['encrypt', 'decrypt'] as const satisfies readonly Op[]) {
    const original = target[op].bind(target) as (...args: unknown[]) => Promise<ArrayBuffer>;
    let tail: Promise<unknown> = Promise.resolve();
    const ordered = (...args: unknown[]): Promise<ArrayBuffer> => {
      const result = original(...args);
      const settled = tail.then(
        () => result,
        () => result,
      );
      tail = settled.catch(() => undefined);
      return settled;
    };
    Object.defineProperty(target, op, { value: ordered, configurable: true, writable: true });
  }
  Object.defineProperty(target, INSTALLED, { value: true });
}
