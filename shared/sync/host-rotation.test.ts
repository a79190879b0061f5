import { describe, expect, it } from 'vitest';
import { rotateHosts, type RotatableSocket } from './host-rotation';

function fakeSocket(url: string) {
  const listeners = new Set<() => void>();
  const socket: RotatableSocket & { close(): void; listeners: number } = {
    configuration: { url },
    on: (_event, listener) => listeners.add(listener),
    off: (_event, listener) => listeners.delete(listener),
    close: () => listeners.forEach((l) => l()),
    get listeners() {
      return listeners.size;
    },
  };
  return socket;
}

describe('rotateHosts', () => {
  it('moves to the next host of the cluster each time the socket closes, round the list', () => {
    const socket = fakeSocket('ws://a.test/sync');
    const rotation = rotateHosts(socket, 'http://a.test/');
    rotation.setHosts(['http://b.test', 'http://a.test', 'http://c.test/']);
    expect(rotation.current()).toBe('http://a.test');
    socket.close();
    expect(socket.configuration.url).toBe('ws://c.test/sync');
    socket.close();
    expect(socket.configuration.url).toBe('ws://b.test/sync');
    socket.close();
    expect(socket.configuration.url).toBe('ws://a.test/sync');
    expect(rotation.current()).toBe('http://a.test');
  });

  it('stays on a lone host, keeps its own host in the list, ignores what is not http(s)', () => {
    const socket = fakeSocket('wss://a.test/sync');
    const rotation = rotateHosts(socket, 'https://a.test');
    socket.close();
    expect(socket.configuration.url).toBe('wss://a.test/sync');
    rotation.setHosts(['javascript:alert(1)', 'https://b.test']);
    socket.close();
    expect(socket.configuration.url).toBe('wss://b.test/sync');
    rotation.stop();
    expect(socket.listeners).toBe(0);
  });
});
