import * as Y from 'yjs';
import { LIMITS } from '../schema/limits';
import { ROOT } from '../schema/roots';
import type { FieldError } from '../schema/types';
import { assertValid, DomainError, nowOf, transact, type EditContext } from './context';
import { newId } from './ids';

/**
 * Shared perspectives: a named way of looking at the map (what sets an element's size, what
 * colours it, which lens filters it) that one person saves for the group. Each person's current
 * view settings are their own; a perspective is stored in the map so anyone can apply it.
 *
 * Stored in the top-level Y.Map `perspectives`, one nested Y.Map per perspective keyed by its
 * id: `name`, `sizeBy`, `colorBy`, `lens`, `createdBy`, `createdAt` (one key per field, so two
 * people renaming and re-colouring one perspective both keep their edit).
 */

/** What sets an element's size: a network metric (actors) or a system measure (factors). */
export const SIZE_BY = [
  'none',
  'degree',
  'betweenness',
  'closeness',
  'eigenvector',
  'loops',
  'reach',
  'leverage',
] as const;
export type SizeBy = (typeof SIZE_BY)[number];

/** What colours an element: its network cluster, or the first (shortest) loop it is in. */
export const COLOR_BY = ['none', 'cluster', 'loop'] as const;
export type ColorBy = (typeof COLOR_BY)[number];

/**
 * Which part of the map shows: everything; the system lens (factors and interventions with
 * their causal links); the network lens (actors with their relationships).
 */
export const LENSES = ['all', 'system', 'network'] as const;
export type Lens = (typeof LENSES)[number];

export interface ViewSettings {
  readonly sizeBy: SizeBy;
  readonly colorBy: ColorBy;
  readonly lens: Lens;
}

export const DEFAULT_VIEW_SETTINGS: ViewSettings = { sizeBy: 'none', colorBy: 'none', lens: 'all' };

export interface PerspectiveRecord extends ViewSettings {
  readonly id: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

export interface NewPerspective extends ViewSettings {
  readonly id?: string;
  readonly name: string;
}

export const perspectivesMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.perspectives);

const isOneOf = <T extends string>(v: unknown, allowed: readonly T[]): v is T =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v);

/** Field-level problems with a perspective to save (empty when it is fine). */
export function validatePerspective(value: unknown): FieldError[] {
  if (typeof value !== 'object' || value === null)
    return [{ field: 'perspective', message: 'A perspective must be an object.' }];
  const v = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof v.name !== 'string' || v.name.trim() === '')
    errors.push({ field: 'name', message: 'Give the perspective a name.' });
  else if (v.name.length > LIMITS.labelChars)
    errors.push({
      field: 'name',
      message: `The name is too long (at most ${LIMITS.labelChars} characters).`,
    });
  if (!isOneOf(v.sizeBy, SIZE_BY))
    errors.push({ field: 'sizeBy', message: `Size by one of: ${SIZE_BY.join(', ')}.` });
  if (!isOneOf(v.colorBy, COLOR_BY))
    errors.push({ field: 'colorBy', message: `Colour by one of: ${COLOR_BY.join(', ')}.` });
  if (!isOneOf(v.lens, LENSES))
    errors.push({ field: 'lens', message: `The lens is one of: ${LENSES.join(', ')}.` });
  if (v.id !== undefined && (typeof v.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v.id)))
    errors.push({ field: 'id', message: 'A perspective id is 1-64 letters, digits, _ or -.' });
  return errors;
}

/**
 * Saves a perspective for everyone, in one transaction with the editor's origin. A new id
 * unless `id` names one to overwrite. Returns the id. Refuses bad input and writes nothing.
 */
export function savePerspective(ctx: EditContext, input: NewPerspective): string {
  assertValid(validatePerspective(input));
  const id = input.id ?? newId();
  transact(ctx, () => {
    const root = perspectivesMap(ctx.doc);
    let m = root.get(id);
    if (!(m instanceof Y.Map)) {
      m = new Y.Map<unknown>();
      root.set(id, m);
      m.set('createdBy', ctx.userId);
      m.set('createdAt', nowOf(ctx));
    }
    const set = (key: string, value: unknown) => {
      if (m.get(key) !== value) m.set(key, value);
    };
    set('name', input.name.trim());
    set('sizeBy', input.sizeBy);
    set('colorBy', input.colorBy);
    set('lens', input.lens);
  });
  return id;
}

export function removePerspective(ctx: EditContext, id: string): void {
  if (!perspectivesMap(ctx.doc).has(id))
    throw new DomainError([{ field: 'id', message: 'That perspective was removed already.' }]);
  transact(ctx, () => perspectivesMap(ctx.doc).delete(id));
}

/**
 * The map's perspectives, by name. A value this version does not know (written by a newer one)
 * reads as its default, so the rest of the perspective still applies.
 */
export function readPerspectives(doc: Y.Doc): PerspectiveRecord[] {
  const out: PerspectiveRecord[] = [];
  perspectivesMap(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const name = m.get('name');
    const createdBy = m.get('createdBy');
    const createdAt = m.get('createdAt');
    const sizeBy = m.get('sizeBy');
    const colorBy = m.get('colorBy');
    const lens = m.get('lens');
    out.push({
      id,
      name: typeof name === 'string' && name ? name : 'Untitled perspective',
      sizeBy: isOneOf(sizeBy, SIZE_BY) ? sizeBy : DEFAULT_VIEW_SETTINGS.sizeBy,
      colorBy: isOneOf(colorBy, COLOR_BY) ? colorBy : DEFAULT_VIEW_SETTINGS.colorBy,
      lens: isOneOf(lens, LENSES) ? lens : DEFAULT_VIEW_SETTINGS.lens,
      createdBy: typeof createdBy === 'string' ? createdBy : '',
      createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    });
  });
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}
