/**
 * The facilitation part of the document contract: plain, immutable records that
 * `readSessionSnapshot` builds from the top-level `session`, `votes`, `reflections` and `actions`
 * maps (the storage layout is in `layout.ts`, and only there).
 */

/** The five practices of network leadership, plus the closing one. */
export const PHASE_PRACTICES = [
  'connect',
  'organize',
  'map',
  'leverage',
  'weave',
  'reflect',
] as const;
export type PhasePractice = (typeof PHASE_PRACTICES)[number];

/** Tools a phase turns on in the workbench (the UI shows their panels and buttons). */
export const SESSION_TOOLS = [
  'who-is-here',
  'actors',
  'groups',
  'factors',
  'causal-links',
  'loops',
  'leverage',
  'dot-voting',
  'clusters',
  'weaving',
  'reflection-board',
  'actions',
  'private-notes',
  'timer',
] as const;
export type SessionTool = (typeof SESSION_TOOLS)[number];

export interface PhaseRecord {
  readonly id: string;
  readonly title: string;
  /** Shown to everyone as a banner while the phase is current. */
  readonly prompt: string;
  readonly practice: PhasePractice;
  readonly tools: readonly SessionTool[];
  /** Planned length in minutes (0: not planned). */
  readonly minutes: number;
  /** Sort key (fractional, so a reorder is one write). Phases are listed by (order, id). */
  readonly order: number;
}

/**
 * The shared timer, in the host's clock. Running: `endsAt` is the host time it reaches zero.
 * Paused: `pausedRemaining` is what was left. Idle: neither (shows `durationMs`).
 */
export interface TimerRecord {
  readonly state: 'idle' | 'running' | 'paused';
  readonly durationMs: number;
  readonly endsAt?: number;
  readonly pausedRemaining?: number;
  readonly by: string;
  /** Host time of the last change. */
  readonly at: number;
}

/**
 * One "bring everyone to me" or spotlight. Clients remember the last `id` they acted on and act
 * once per new id; `seq` counts events in this room.
 */
export interface AttentionEvent {
  readonly id: string;
  readonly seq: number;
  readonly kind: 'summon' | 'spotlight';
  readonly by: string;
  readonly byName: string;
  readonly at: number;
  /** Summon: the facilitator's viewport (map units and zoom). */
  readonly viewport?: { readonly x: number; readonly y: number; readonly k: number };
  /** Spotlight: the element everyone is brought to. */
  readonly elementId?: string;
}

export interface ElementLock {
  readonly elementId: string;
  readonly by: string;
  readonly at: number;
}

export interface ParticipantRecord {
  /** The user id (the device's local identity). */
  readonly userId: string;
  readonly name: string;
  /** The actor element created for them in "who is here", if any. */
  readonly actorId?: string;
  readonly joinedAt: number;
  /** When they last tidied the layout (host-checked number), and how many elements moved. */
  readonly tidiedAt?: number;
  readonly tidiedCount?: number;
}

export interface VoteRecord {
  readonly id: string;
  readonly title: string;
  /** The elements one may vote on, in the order the facilitator chose. */
  readonly elementIds: readonly string[];
  readonly dotsPerPerson: number;
  /** Anonymous: dots are stored under a per-vote token per person, not the user id. */
  readonly anonymous: boolean;
  readonly state: 'open' | 'closed';
  /** Results are shown to everyone only once revealed. */
  readonly revealed: boolean;
  /**
   * Dots per voter key (the user id, or the person's token in an anonymous vote): element ids,
   * one entry per dot (a person may stack dots).
   */
  readonly dots: ReadonlyMap<string, readonly string[]>;
  readonly createdBy: string;
  readonly createdAt: number;
}

export interface VoteResult {
  readonly elementId: string;
  readonly dots: number;
  /** 1-based; elements with equal dots share a rank. */
  readonly rank: number;
  /** Voter keys (user ids in a named vote; empty in an anonymous one). */
  readonly voters: readonly string[];
}

export interface ReflectionPromptRecord {
  readonly id: string;
  readonly text: string;
  readonly order: number;
}

export interface ReflectionGroupRecord {
  readonly id: string;
  readonly name: string;
  readonly promptId: string;
}

export interface ReflectionCardRecord {
  readonly id: string;
  readonly promptId: string;
  readonly text: string;
  /** Anonymous cards keep no author. */
  readonly anonymous: boolean;
  readonly author?: string;
  readonly authorName?: string;
  /** Map elements the card mentions. */
  readonly mentions: readonly string[];
  readonly groupId?: string;
  /** Voter keys who gave this card a vote. */
  readonly votes: readonly string[];
  readonly createdAt: number;
}

export const ACTION_STATUSES = ['open', 'doing', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type ActionOwner =
  | { readonly kind: 'actor'; readonly actorId: string }
  | { readonly kind: 'person'; readonly name: string };

export interface ActionRecord {
  readonly id: string;
  readonly title: string;
  readonly owner?: ActionOwner;
  /** ISO date, YYYY-MM-DD. */
  readonly due?: string;
  /** The element (often a leverage point) the action serves. */
  readonly serves?: string;
  readonly status: ActionStatus;
  readonly note: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The whole facilitation state as plain data. */
export interface SessionSnapshot {
  readonly phases: readonly PhaseRecord[];
  readonly currentPhaseId?: string;
  readonly timer: TimerRecord;
  readonly locked: boolean;
  readonly lockedBy?: string;
  readonly elementLocks: ReadonlyMap<string, ElementLock>;
  readonly privateMode: boolean;
  readonly attention?: AttentionEvent;
  readonly participants: ReadonlyMap<string, ParticipantRecord>;
  readonly votes: ReadonlyMap<string, VoteRecord>;
  readonly reflectionPrompts: readonly ReflectionPromptRecord[];
  readonly reflectionGroups: ReadonlyMap<string, ReflectionGroupRecord>;
  readonly reflectionCards: ReadonlyMap<string, ReflectionCardRecord>;
  readonly actions: ReadonlyMap<string, ActionRecord>;
}
