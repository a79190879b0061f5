/** Facilitation: the session part of a map document (see layout.ts for its storage). */
export * from './types';
export type { SessionContext } from './context';
export { requireFacilitator } from './context';
export {
  SESSION_ROOT_KEYS,
  HIDDEN_FIELD,
  isMapLocked,
  readSessionSnapshot,
  sessionMap,
  votesMap,
  reflectionsMap,
  actionsMap,
  exportSessionJson,
  importSessionJson,
  type SessionJson,
} from './layout';
export * from './snapshot';
export * from './agenda';
export * from './timer';
export * from './phase-timer';
export * from './votes';
export * from './attention';
export * from './locks';
export * from './private-notes';
export * from './reflections';
export * from './actions';
export * from './participants';
export * from './restore';
export * from './map-dots';
