import { vocabulary } from './vocabulary';

/** One of Donella Meadows' twelve places to intervene in a system (1999), 12 weakest to 1 strongest. */
export interface MeadowsLevel {
  readonly level: number;
  /** Meadows' own words. */
  readonly name: string;
  /** A few words for a menu (the Inspector's leverage level). */
  readonly short: string;
  /** One plain sentence for a workshop participant. */
  readonly explanation: string;
}

export const MEADOWS_LEVELS: readonly MeadowsLevel[] = [
  {
    level: 12,
    name: 'Constants, parameters, numbers',
    short: 'Constants, parameters, numbers',
    explanation:
      'Changing numbers such as budgets, prices, quotas or standards: easy to do, but it rarely changes how the system behaves.',
  },
  {
    level: 11,
    name: 'The sizes of buffers and other stabilizing stocks, relative to their flows',
    short: 'Sizes of buffers and stocks',
    explanation:
      'Making reserves such as savings, stock or spare capacity bigger or smaller, so the system absorbs shocks differently.',
  },
  {
    level: 10,
    name: 'The structure of material stocks and flows',
    short: 'Structure of material stocks and flows',
    explanation:
      'Rebuilding the physical set-up, such as roads, buildings or supply chains: powerful, but slow and costly to change.',
  },
  {
    level: 9,
    name: 'The lengths of delays, relative to the rate of system change',
    short: 'Lengths of delays',
    explanation:
      'Shortening or lengthening the time between an action and its effect, which decides whether the system overshoots.',
  },
  {
    level: 8,
    name: 'The strength of negative feedback loops, relative to the impacts they are trying to correct against',
    short: 'Strength of balancing feedback loops',
    explanation:
      'Strengthening the balancing loops that keep things in check, such as monitoring, feedback or checks and balances.',
  },
  {
    level: 7,
    name: 'The gain around driving positive feedback loops',
    short: 'Gain around reinforcing feedback loops',
    explanation:
      'Slowing down or speeding up the reinforcing loops that make things grow or collapse, like "the rich get richer".',
  },
  {
    level: 6,
    name: 'The structure of information flows',
    short: 'Structure of information flows',
    explanation:
      'Changing who knows what and when, for example making a hidden cost visible to the people who cause it.',
  },
  {
    level: 5,
    name: 'The rules of the system',
    short: 'Rules of the system',
    explanation: 'Changing the rules: incentives, punishments, laws and who is allowed to do what.',
  },
  {
    level: 4,
    name: 'The power to add, change, evolve, or self-organize system structure',
    short: 'Power to add or change system structure',
    explanation:
      'Letting the system learn and reorganise itself, for example by making room for experiments and new groups.',
  },
  {
    level: 3,
    name: 'The goals of the system',
    short: 'Goals of the system',
    explanation:
      'Changing what the system is trying to achieve: everything else lines up behind its goal.',
  },
  {
    level: 2,
    name: 'The mindset or paradigm out of which the system arises',
    short: 'Mindset or paradigm',
    explanation:
      'Changing the shared beliefs and assumptions from which the goals, rules and structures come.',
  },
  {
    level: 1,
    name: 'The power to transcend paradigms',
    short: 'Power to transcend paradigms',
    explanation:
      'Staying free of any one worldview, so a group can pick the one that serves its purpose.',
  },
];

/** The level record for 1..12, or undefined. */
export function meadowsLevel(level: number | undefined): MeadowsLevel | undefined {
  return MEADOWS_LEVELS.find((m) => m.level === level);
}

/** Levels 12 (weakest) to 1 (strongest), as an element field's vocabulary: "9. Lengths of delays". */
export const MEADOWS_VOCAB = vocabulary(
  MEADOWS_LEVELS.map((m) => m.level),
  Object.fromEntries(MEADOWS_LEVELS.map((m) => [m.level, `${m.level}. ${m.short}`])),
);
