import { wsUrl } from './links';

/** The part of HocuspocusProviderWebsocket that rotation uses. */
export interface RotatableSocket {
  configuration: { url: string };
  on(event: 'close' | 'connect', listener: () => void): unknown;
  off(event: 'close' | 'connect', listener: () => void): unknown;
}

export interface HostRotation {
  /** The cluster's hosts (http(s) origins), this client's own first or anywhere in the list. */
  setHosts(origins: readonly string[]): void;
  /** The origin the socket connects to now. */
  current(): string;
  stop(): void;
}

const trimmed = (origin: string): string => origin.replace(/\/+$/, '');

/**
 * Several hosts, one map: when the socket to the host closes (the host died, or a connection
 * attempt failed), the next attempt goes to the next host of the cluster, round the list. The
 * provider's own retry (with its back-off) makes the attempt; the document and its unacknowledged
 * changes stay in the client, and the new host's sync step brings both sides up to date, so
 * nothing acknowledged is lost (every host reads the same PostgreSQL log). With one host (or
 * none listed) nothing changes.
 */
export function rotateHosts(socket: RotatableSocket, origin: string): HostRotation {
  let hosts = [trimmed(origin)];
  let index = 0;
  const onClose = (): void => {
    if (hosts.length < 2) return;
    index = (index + 1) % hosts.length;
    socket.configuration.url = wsUrl(hosts[index] as string, '/sync');
  };
  socket.on('close', onClose);
  return {
    setHosts(origins) {
      const current = hosts[index] as string;
      const list = [...new Set(origins.map(trimmed).filter((o) => /^https?:\/\//.test(o)))];
      if (!list.includes(current)) list.unshift(current);
      hosts = list;
      index = list.indexOf(current);
    },
    current: () => hosts[index] as string,
    stop: () => socket.off('close', onClose),
  };
}
