/**
 * The top-level shared types of a map's Y.Doc: every name a root is fetched by
 * (`doc.getMap(ROOT.x)`). Written here once; the schema, the session, the native format, the
 * clip log and the host read them from here.
 */
export const ROOT = {
  /** title, schema version, provenance (the `META` record) */
  meta: 'meta',
  /** id -> element record */
  elements: 'elements',
  /** id -> connection record */
  connections: 'connections',
  /** id -> source record (with its quotes) */
  sources: 'sources',
  /** loop signature -> loop note */
  loops: 'loops',
  /** id -> saved encodings (size by, colour by, lens) */
  perspectives: 'perspectives',
  /** agenda, timer, locks, private mode, attention (flat keys) */
  session: 'session',
  votes: 'votes',
  reflections: 'reflections',
  actions: 'actions',
  /** clip id -> what applying it did (written by the host only) */
  clipLog: 'clipLog',
} as const;

export type RootKey = (typeof ROOT)[keyof typeof ROOT];

/** The map's own records: what `checkMapChanges` checks and snapshots read. */
export const MAP_ROOT_KEYS = [
  ROOT.meta,
  ROOT.elements,
  ROOT.connections,
  ROOT.sources,
  ROOT.loops,
] as const;

/** The facilitation state: what `checkSessionChanges` checks. */
export const SESSION_ROOT_KEYS = [
  ROOT.session,
  ROOT.votes,
  ROOT.reflections,
  ROOT.actions,
] as const;
