import { clipRoutes } from './clips';
import { elementSearchRoutes } from './elements-search';
import { metaRoutes } from './meta';
import { roomRoutes } from './rooms';
import type { RouteModule } from './services';

/** Every API route module, in registration order. Add a feature's module here. */
export const ROUTE_MODULES: readonly RouteModule[] = [
  metaRoutes,
  roomRoutes,
  clipRoutes,
  elementSearchRoutes,
];
