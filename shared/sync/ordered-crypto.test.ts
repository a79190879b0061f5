import { describe, expect, it } from 'vitest';
import { preserveCryptoOrder } from './ordered-crypto';

/** A SubtleCrypto whose operations finish in the order the test says, not the call order. */
function scrambledSubtle() {
  const pending: { resolve: (v: ArrayBuffer) => void; tag: number }[] = [];
  const op = (_alg: unknown, _key: unknown, data: ArrayBuffer) =>
    new Promise<ArrayBuffer>((resolve) => pending.push({ resolve, tag: new Uint8Array(data)[0]! }));
  const subtle = { encrypt: op, decrypt: op } as unknown as SubtleCrypto;
  return { subtle, pending };
}

describe('preserveCryptoOrder', () => {
  it('makes results settle in call order although the work finishes out of order', async () => {
    const { subtle, pending } = scrambledSubtle();
    preserveCryptoOrder(subtle);
    const order: number[] = [];
    const calls = [1, 2, 3].map((n) =>
      subtle
        .encrypt('AES-GCM', {} as CryptoKey, new Uint8Array([n]).buffer)
        .then(() => order.push(n)),
    );
    // The third finishes first, then the first, then the second.
    pending[2]!.resolve(new ArrayBuffer(0));
    pending[0]!.resolve(new ArrayBuffer(0));
    pending[1]!.resolve(new ArrayBuffer(0));
    await Promise.all(calls);
    expect(order).toEqual([1, 2, 3]);
  });

  it('keeps a failed call from blocking the ones after it, and installs once', async () => {
    const subtle = {
      encrypt: (_a: unknown, _k: unknown, d: ArrayBuffer) =>
        new Uint8Array(d)[0] === 1 ? Promise.reject(new Error('bad key')) : Promise.resolve(d),
      decrypt: () => Promise.resolve(new ArrayBuffer(0)),
    } as unknown as SubtleCrypto;
    preserveCryptoOrder(subtle);
    const wrapped = subtle.encrypt;
    preserveCryptoOrder(subtle);
    expect(subtle.encrypt).toBe(wrapped);
    const first = subtle.encrypt('AES-GCM', {} as CryptoKey, new Uint8Array([1]).buffer);
    const second = subtle.encrypt('AES-GCM', {} as CryptoKey, new Uint8Array([2]).buffer);
    await expect(first).rejects.toThrow('bad key');
    await expect(second).resolves.toBeInstanceOf(ArrayBuffer);
  });
});
