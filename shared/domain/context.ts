import type * as Y from 'yjs';
import { signDeletions } from './authors';
import type { FieldError } from '../schema/types';
import { describeErrors } from '../schema/validate';

/**
 * Who is editing, and with which transaction origin. Every domain write runs inside
 * `doc.transact(fn, ctx.origin)`, so an UndoManager tracking that origin undoes exactly this
 * person's edits.
 */
export interface EditContext {
  readonly doc: Y.Doc;
  readonly origin: unknown;
  readonly userId: string;
  /** Clock for timestamps (tests pass a fixed one). */
  readonly now?: () => number;
}

export const nowOf = (ctx: EditContext): number => (ctx.now ? ctx.now() : Date.now());

/** A refused edit: nothing was written. Carries the field-level problems. */
export class DomainError extends Error {
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[]) {
    super(describeErrors(errors));
    this.name = 'DomainError';
    this.errors = errors;
  }
}

export function assertValid(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw new DomainError(errors);
}

export function transact<T>(ctx: EditContext, fn: () => T): T {
  let result: T | undefined;
  ctx.doc.transact((tr) => {
    result = fn();
    // A removal names its author (see authors.ts).
    signDeletions(tr, ctx.userId);
  }, ctx.origin);
  return result as T;
}
