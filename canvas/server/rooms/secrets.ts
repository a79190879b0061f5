import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Room ids: 12 random bytes, url-safe base64 (16 characters). */
export const newRoomId = (): string => randomBytes(12).toString('base64url');

/** Capability secrets: 24 random bytes, url-safe base64 (32 characters, 192 bits). */
export const newSecret = (): string => randomBytes(24).toString('base64url');

export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export const isRoomId = (value: string): boolean => ROOM_ID_PATTERN.test(value);

/**
 * Secrets are high-entropy random strings, so one SHA-256 is enough (no slow KDF needed:
 * there is nothing to brute-force). Returns 32 raw bytes.
 */
export const hashSecret = (secret: string): Buffer =>
  createHash('sha256').update(secret, 'utf8').digest();

/** Constant-time comparison of two equal-length digests. */
export const digestsEqual = (a: Buffer, b: Buffer): boolean =>
  a.length === b.length && timingSafeEqual(a, b);

/**
 * A facilitator link carries only the facilitator secret, yet facilitators edit and join the
 * peer mesh, whose password derives from the edit secret. So the edit secret is derived from the
 * facilitator secret (one-way: an edit link never yields facilitator rights). The client does
 * the same derivation with WebCrypto (`shared/sync/password.ts`, `editSecretFromFacilitator`);
 * a test checks the two agree.
 */
export const EDIT_FROM_FACILITATOR_PREFIX = 'weavemap/edit-from-facilitator/v1:';

export const editSecretFromFacilitator = (facilitatorSecret: string): string =>
  createHash('sha256')
    .update(EDIT_FROM_FACILITATOR_PREFIX + facilitatorSecret, 'utf8')
    .digest()
    .subarray(0, 24)
    .toString('base64url');
