import { describe, expect, it } from 'vitest';
import { buildRoomLink, parseRoomFragment, parseRoomLink, wsUrl } from './links';
import { deriveMeshPassword, meshRoomName } from './password';

describe('room links', () => {
  it('keeps the secret in the fragment and reads it back', () => {
    const link = buildRoomLink('http://127.0.0.1:5178/', 'Room_123', 'secret-abcdefghijkl');
    expect(link).toBe('http://127.0.0.1:5178/#/r/Room_123?k=secret-abcdefghijkl');
    expect(new URL(link).search).toBe('');
    expect(parseRoomLink(link)).toEqual({
      origin: 'http://127.0.0.1:5178',
      roomId: 'Room_123',
      secret: 'secret-abcdefghijkl',
    });
  });

  it('refuses what is not an http(s) Weavemap link', () => {
    expect(parseRoomLink('javascript:alert(1)#/r/Room_123?k=secret-abcdefghijkl')).toBeNull();
    expect(parseRoomLink('not a link')).toBeNull();
    expect(parseRoomFragment('#/r/Room_123')).toBeNull();
    expect(parseRoomFragment('#/r/<script>?k=secret-abcdefghijkl')).toBeNull();
  });

  it('maps http to ws and https to wss', () => {
    expect(wsUrl('http://a.test:1', '/sync')).toBe('ws://a.test:1/sync');
    expect(wsUrl('https://a.test', '/signal')).toBe('wss://a.test/signal');
  });

  it('derives a stable mesh password and topic that reveal neither secret nor room', async () => {
    const p1 = await deriveMeshPassword('edit-secret');
    expect(p1).toBe(await deriveMeshPassword('edit-secret'));
    expect(p1).not.toBe(await deriveMeshPassword('view-secret'));
    const topic = await meshRoomName('room1', 'edit-secret');
    expect(topic).toMatch(/^wm-[0-9a-f]{32}$/);
    expect(topic).not.toContain('room1');
  });
});
