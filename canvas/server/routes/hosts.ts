import { sendJson } from '../http/json';
import type { RouteModule } from './services';

/** What `GET /api/hosts` answers. */
export interface HostsResponse {
  /** Every host of the cluster (`--peers`), this one included; empty for a lone host. */
  hosts: string[];
}

/**
 * `GET /api/hosts`: the hosts a client may reconnect to when its own stops answering (the
 * cluster's `--peers`). Public: it names servers, not rooms.
 */
export const hostsRoutes =
  (peers: readonly string[]): RouteModule =>
  (router) => {
    router.get('/api/hosts', ({ res }) => sendJson(res, 200, { hosts: [...peers] }));
  };
