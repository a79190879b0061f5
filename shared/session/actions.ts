import * as Y from 'yjs';
import { nowOf, transact } from '../domain/context';
import { newId } from '../domain/ids';
import { elementsMap } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import { readElement } from '../schema/doc';
import { fail, type SessionContext } from './context';
import { actionsMap } from './layout';
import type { ActionOwner, ActionRecord, ActionStatus } from './types';
import { ACTION_STATUSES } from './types';

/** Action items (organizing): who does what by when, for which element or leverage point. */

export interface NewAction {
  readonly title: string;
  readonly owner?: ActionOwner;
  /** YYYY-MM-DD */
  readonly due?: string;
  readonly serves?: string;
  readonly status?: ActionStatus;
  readonly note?: string;
}

export type ActionPatch = Partial<NewAction>;

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function validate(ctx: SessionContext, input: ActionPatch, partial: boolean): void {
  if (!partial || input.title !== undefined) {
    const t = typeof input.title === 'string' ? input.title.trim() : '';
    if (!t) fail('title', 'An action needs a title.');
    if (t.length > LIMITS.labelChars)
      fail('title', `The title is too long (at most ${LIMITS.labelChars} characters).`);
  }
  if (input.due !== undefined && input.due !== '' && !isIsoDate(input.due))
    fail('due', 'The due date must be a date written YYYY-MM-DD.');
  if (input.status !== undefined && !ACTION_STATUSES.includes(input.status))
    fail('status', `status must be one of: ${ACTION_STATUSES.join(', ')}.`);
  if (
    input.note !== undefined &&
    (typeof input.note !== 'string' || input.note.length > LIMITS.noteChars)
  )
    fail('note', `The note must be text of at most ${LIMITS.noteChars} characters.`);
  const elements = elementsMap(ctx.doc);
  if (input.serves !== undefined && input.serves !== '' && !elements.has(input.serves))
    fail('serves', `No element with id ${input.serves}.`);
  const owner = input.owner;
  if (owner !== undefined) {
    if (owner.kind === 'actor') {
      const el = elements.get(owner.actorId);
      if (el === undefined || readElement(el, owner.actorId).kind !== 'actor')
        fail('owner', `No actor with id ${owner.actorId} on the map.`);
    } else if (owner.kind === 'person') {
      const n = typeof owner.name === 'string' ? owner.name.trim() : '';
      if (!n || n.length > LIMITS.labelChars)
        fail('owner', 'The owner needs a name (at most 500 characters).');
    } else fail('owner', 'The owner is an actor on the map or a person by name.');
  }
}

function writeOwner(m: Y.Map<unknown>, owner: ActionOwner | undefined): void {
  m.delete('ownerActor');
  m.delete('ownerName');
  if (owner?.kind === 'actor') m.set('ownerActor', owner.actorId);
  else if (owner?.kind === 'person') m.set('ownerName', owner.name.trim());
}

/** Adds an action item (anyone who may edit). Returns its id. */
export function addAction(ctx: SessionContext, input: NewAction): string {
  return transact(ctx, () => {
    validate(ctx, input, false);
    const id = newId();
    const now = nowOf(ctx);
    const m = new Y.Map<unknown>();
    m.set('title', input.title.trim());
    writeOwner(m, input.owner);
    if (input.due) m.set('due', input.due);
    if (input.serves) m.set('serves', input.serves);
    m.set('status', input.status ?? 'open');
    m.set('note', input.note ?? '');
    m.set('createdBy', ctx.userId);
    m.set('createdAt', now);
    m.set('updatedAt', now);
    actionsMap(ctx.doc).set(id, m);
    return id;
  });
}

/** Changes the given fields; `owner: undefined`, `due: ''` or `serves: ''` clear them. */
export function updateAction(ctx: SessionContext, id: string, patch: ActionPatch): void {
  transact(ctx, () => {
    const m = actionsMap(ctx.doc).get(id);
    if (!(m instanceof Y.Map)) fail('id', `No action with id ${id}.`);
    const map = m as Y.Map<unknown>;
    validate(ctx, patch, true);
    if (patch.title !== undefined) map.set('title', patch.title.trim());
    if ('owner' in patch) writeOwner(map, patch.owner);
    for (const k of ['due', 'serves'] as const) {
      const v = patch[k];
      if (v === undefined && !(k in patch)) continue;
      if (v) map.set(k, v);
      else map.delete(k);
    }
    if (patch.status !== undefined) map.set('status', patch.status);
    if (patch.note !== undefined) map.set('note', patch.note);
    map.set('updatedAt', nowOf(ctx));
  });
}

export function removeAction(ctx: SessionContext, id: string): void {
  transact(ctx, () => {
    if (!actionsMap(ctx.doc).has(id)) fail('id', `No action with id ${id}.`);
    actionsMap(ctx.doc).delete(id);
  });
}

export interface ActionFilter {
  readonly status?: readonly ActionStatus[];
  /** An actor id or a person's name (case-insensitive). */
  readonly owner?: string;
  readonly serves?: string;
  /** Only actions due on or before this date (YYYY-MM-DD); actions without a date are left out. */
  readonly dueBy?: string;
  /** Words found in the title or note (case-insensitive). */
  readonly text?: string;
}

/**
 * Actions matching every given criterion, ordered by due date (undated last), then title,
 * then id.
 */
export function filterActions(
  actions: Iterable<ActionRecord>,
  filter: ActionFilter = {},
): ActionRecord[] {
  const text = filter.text?.trim().toLowerCase();
  const owner = filter.owner?.trim().toLowerCase();
  const out = [...actions].filter((a) => {
    if (filter.status && !filter.status.includes(a.status)) return false;
    if (filter.serves !== undefined && a.serves !== filter.serves) return false;
    if (filter.dueBy !== undefined && (a.due === undefined || a.due > filter.dueBy)) return false;
    if (owner) {
      const o = a.owner;
      const match =
        o?.kind === 'actor' ? o.actorId.toLowerCase() === owner : o?.name.toLowerCase() === owner;
      if (!match) return false;
    }
    if (text && !`${a.title}\n${a.note}`.toLowerCase().includes(text)) return false;
    return true;
  });
  return out.sort(
    (a, b) =>
      (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99') ||
      a.title.localeCompare(b.title) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * A spreadsheet cell: quoted when needed (RFC 4180), and a cell that starts with =, +, -, @, a
 * tab or a carriage return gets a leading apostrophe so that no spreadsheet runs it as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The actions as CSV (title, owner, due, serves, status, note), owners and elements by label.
 * `labels` maps element ids to labels (e.g. from the map snapshot).
 */
export function actionsToCsv(
  actions: Iterable<ActionRecord>,
  labels: ReadonlyMap<string, string> = new Map(),
): string {
  const rows = [['Title', 'Owner', 'Due', 'Serves', 'Status', 'Note']];
  for (const a of actions) {
    const owner =
      a.owner?.kind === 'actor'
        ? (labels.get(a.owner.actorId) ?? a.owner.actorId)
        : (a.owner?.name ?? '');
    rows.push([
      a.title,
      owner,
      a.due ?? '',
      a.serves ? (labels.get(a.serves) ?? a.serves) : '',
      a.status,
      a.note,
    ]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
