import { parseRoomFragment } from '../../shared/sync/links';

/** The current screen, from the URL fragment: `#/r/<roomId>?k=<secret>` opens a map. */
export type Route = { name: 'home' } | { name: 'room'; roomId: string; secret: string };

function read(): Route {
  const room = parseRoomFragment(location.hash);
  return room ? { name: 'room', ...room } : { name: 'home' };
}

class Router {
  current = $state.raw<Route>(read());
  constructor() {
    addEventListener('hashchange', () => {
      this.current = read();
    });
  }
  go(hash: string): void {
    location.hash = hash;
  }
}

export const router = new Router();
