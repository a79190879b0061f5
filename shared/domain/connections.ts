import type { ConnectionRecord } from '../schema/types';
import { CONNECTION, managedFields } from '../schema/records/index';
import {
  connectionsMap,
  elementsMap,
  encodeRecord,
  isReservedFieldName,
  knownFields,
  markUpdated,
  writeField,
} from '../schema/doc';
import { validateConnection } from '../schema/validate';
import { assertValid, DomainError, nowOf, transact, type EditContext } from './context';
import { newId } from './ids';
import { unlinkFromSources, type Provenance } from './elements';

/** A new connection: its ends and kind, any field people set (`records/connection.ts`). */
export type NewConnection = Partial<
  Omit<ConnectionRecord, 'from' | 'to' | 'kind' | 'extra' | ManagedConnectionField>
> &
  Pick<ConnectionRecord, 'from' | 'to' | 'kind'> & {
    readonly id?: string;
    /** Custom fields, kept as they are. */
    readonly extra?: Readonly<Record<string, unknown>>;
  };
type ManagedConnectionField = 'id' | 'createdBy' | 'createdAt' | 'updatedAt';

export type ConnectionPatch = Partial<Omit<NewConnection, 'id' | 'from' | 'to'>>;

/** Fields the codec manages (the id, the ends, provenance): an edit never sets them. */
const RESERVED = managedFields(CONNECTION);

function fieldsOf(input: NewConnection | ConnectionPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'extra' || k === 'id' || v === undefined) continue;
    out[k] = Array.isArray(v) ? [...v] : v;
  }
  if (input.extra)
    for (const [k, v] of Object.entries(input.extra)) {
      if (knownFields.connection.has(k)) continue;
      if (isReservedFieldName(k))
        throw new DomainError([
          { field: k, message: `"${k}" is reserved: give this field another name.` },
        ]);
      out[k] = v;
    }
  return out;
}

export function writeNewConnection(
  ctx: EditContext,
  input: NewConnection,
  provenance?: Provenance,
): string {
  const id = input.id ?? newId();
  const defaults = {
    id,
    label: '',
    description: '',
    tags: [],
    direction: input.kind === 'causal' ? 'directed' : 'undirected',
    // `polarity: undefined` given on purpose (an import of an unsigned link) keeps it unsigned.
    ...(input.kind === 'causal' && !('polarity' in input) ? { polarity: '+' } : {}),
  };
  const fields = { ...defaults, ...fieldsOf(input) };
  assertValid(validateConnection(fields));
  const elements = elementsMap(ctx.doc);
  const missing = [input.from, input.to].filter((e) => !elements.has(e));
  if (missing.length)
    throw new DomainError(
      missing.map((e) => ({
        field: e === input.from ? 'from' : 'to',
        message: `No element with id ${e}: it may have been deleted.`,
      })),
    );
  if (connectionsMap(ctx.doc).has(id))
    throw new DomainError([{ field: 'id', message: `A connection with id ${id} exists already.` }]);
  const stamp = provenance ?? { createdBy: ctx.userId, createdAt: nowOf(ctx) };
  connectionsMap(ctx.doc).create(
    id,
    encodeRecord('connection', { ...fields, from: input.from, to: input.to, ...stamp }),
  );
  return id;
}

/** Connects two existing elements. Causal connections default to `+` and directed. */
export function connect(ctx: EditContext, input: NewConnection): string {
  return transact(ctx, () => writeNewConnection(ctx, input));
}

/** Custom fields of a proposed introduction: who proposed it (their name, and their id). */
export const PROPOSED_BY = 'suggestedBy';
export const PROPOSED_BY_ID = 'suggestedById';

/**
 * Records a proposed introduction between two actors (from a weaving suggestion): a relationship
 * marked proposed, with why and who proposed it. Returns its id.
 */
export function proposeIntroduction(
  ctx: EditContext,
  input: { from: string; to: string; reason: string; by: { id: string; name: string } },
): string {
  return connect(ctx, {
    from: input.from,
    to: input.to,
    kind: 'relationship',
    proposed: true,
    label: 'Proposed introduction',
    description: input.reason,
    extra: { [PROPOSED_BY]: input.by.name, [PROPOSED_BY_ID]: input.by.id },
  });
}

/** Who proposed a connection as an introduction, by name, when the map says (also once made). */
export function proposedBy(c: {
  readonly extra: Readonly<Record<string, unknown>>;
}): string | null {
  const name = c.extra[PROPOSED_BY];
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}

export function updateConnection(ctx: EditContext, id: string, patch: ConnectionPatch): void {
  const fields = fieldsOf(patch);
  for (const k of Object.keys(fields)) if (RESERVED.has(k)) delete fields[k];
  assertValid(validateConnection(fields, { partial: true }));
  transact(ctx, () => {
    const c = connectionsMap(ctx.doc).get(id);
    if (c === undefined)
      throw new DomainError([{ field: 'id', message: `No connection with id ${id}.` }]);
    let changed = false;
    for (const [k, v] of Object.entries(fields))
      changed = writeField(c, k, v, CONNECTION) || changed;
    for (const [k, v] of Object.entries(patch))
      if (v === undefined && k !== 'extra' && !RESERVED.has(k))
        changed = writeField(c, k, undefined, CONNECTION) || changed;
    if (changed) markUpdated(c, nowOf(ctx));
  });
}

export function removeConnections(ctx: EditContext, ids: Iterable<string>): void {
  const gone = new Set(ids);
  transact(ctx, () => {
    connectionsMap(ctx.doc).deleteMany(gone);
    unlinkFromSources(ctx, gone);
  });
}
