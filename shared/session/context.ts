import { DomainError, type EditContext } from '../domain/context';

/**
 * An edit context that also says who is acting in the session. `facilitator` is what the link
 * granted (the host said so in `GET /api/rooms/:id`): facilitator-only operations refuse without
 * it. This guards against accidents only; a modified client holding an edit link can write
 * anything the host accepts (see docs/workshop-guide.md).
 */
export interface SessionContext extends EditContext {
  readonly facilitator?: boolean;
  /** The person's display name (kept with participants, named cards and attention events). */
  readonly userName?: string;
}

export function requireFacilitator(ctx: SessionContext, what: string): void {
  if (!ctx.facilitator)
    throw new DomainError([{ field: 'role', message: `Only a facilitator can ${what}.` }]);
}

export const fail = (field: string, message: string): never => {
  throw new DomainError([{ field, message }]);
};
