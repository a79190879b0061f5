// The host's public surface, for the CLI, other host features and the end-to-end suite.
export type { Host, HostOptions } from './host';
export { DEFAULT_HOST, DEFAULT_PORT, startHost } from './host';
export type { Logger } from './log';
export { bearerToken, HttpError, readBody, readJson, sendError, sendJson } from './http/json';
export type { Method, RouteContext, RouteHandler } from './http/router';
export { Router } from './http/router';
export { RateLimiter } from './http/rate-limit';
export type { HostServices, RouteModule } from './routes/services';
export type { CreateRoomResponse } from './routes/rooms';
export { roomLink } from './routes/rooms';
export { HostClosingError, RoomNotFoundError } from './realtime/sync';
export type { Role, RoomRecord } from './rooms/store';
export { isRoomId } from './rooms/secrets';
