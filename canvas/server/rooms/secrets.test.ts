import { describe, expect, it } from 'vitest';
import { editSecretFromFacilitator as clientDerive } from '../../../shared/sync/password';
import { editSecretFromFacilitator, newSecret } from './secrets';

describe('facilitator secrets', () => {
  it('imply the edit secret the same way on the host and in the client', async () => {
    for (let i = 0; i < 20; i++) {
      const f = newSecret();
      const host = editSecretFromFacilitator(f);
      expect(host).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await clientDerive(f)).toBe(host);
    }
  });
});
