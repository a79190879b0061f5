import { vocabulary } from './vocabulary';

/** What kind of actor an `actor` element is. */
export const ACTOR_TYPES = ['person', 'organization', 'group', 'community'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const ACTOR_TYPE_VOCAB = vocabulary(ACTOR_TYPES, {
  person: 'Person',
  organization: 'Organization',
  group: 'Group',
  community: 'Community',
});
