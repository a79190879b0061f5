import { openVote } from '../../../shared/session/index';
import type { Workbench } from '../../workbench/workbench.svelte';
import { sessionStore } from './session-store.svelte';
import { voteElements, type VoteSource } from './vote-sets';

export interface OpenVoteArgs {
  readonly source?: VoteSource;
  readonly dots?: number;
  readonly anonymous?: boolean;
  readonly title?: string;
}

/** Opens a dot vote; returns its id. Used by the Session view's form and the command. */
export function openVoteOn(wb: Workbench, args: OpenVoteArgs = {}): string | undefined {
  const s = sessionStore(wb);
  if (!s) return undefined;
  const source = args.source ?? (wb.selection.length > 1 ? 'selection' : 'leverage');
  const ids = voteElements(wb.snapshot, source, wb.selection);
  if (ids.length === 0) {
    wb.say(
      source === 'selection'
        ? 'Select the elements to vote on first.'
        : source === 'leverage'
          ? 'No leverage candidates yet: connect factors with causal links first.'
          : 'The map has no elements of that kind.',
      'error',
    );
    return undefined;
  }
  const id = s.run((ctx) =>
    openVote(ctx, {
      title: args.title ?? '',
      elementIds: ids,
      dotsPerPerson: args.dots ?? 3,
      anonymous: args.anonymous === true,
    }),
  );
  if (id)
    wb.say(
      `Vote open on ${ids.length} element${ids.length === 1 ? '' : 's'}, ${args.dots ?? 3} dots a person. Results stay hidden until you reveal them.`,
    );
  return id;
}
