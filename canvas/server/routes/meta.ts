import { sendJson } from '../http/json';
import type { RouteModule } from './services';

/** `GET /api/health` and `GET /api/time` (the host's clock, for the shared timer). */
export const metaRoutes: RouteModule = (router) => {
  router.get('/api/health', ({ res }) => sendJson(res, 200, { ok: true }));
  router.get('/api/time', ({ res }) => sendJson(res, 200, { now: Date.now() }));
};
