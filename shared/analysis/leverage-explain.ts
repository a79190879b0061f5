import type { ConnectionRecord, ElementRecord } from '../schema/types';
import type { Loop } from './loops';
import { meadowsLevel, type MeadowsLevel } from './meadows';
import { listPhrase, plural, quoted } from './phrase';

/**
 * Why a factor is a leverage point, in words about that factor: the loops it is in (their name,
 * type and the other factors in them), what a push on it does around each kind of loop and to
 * the factors it drives, and a suggested Meadows level reasoned from its role.
 */

/**
 * Roles a factor's own words (label, tags, description) name, strongest place to intervene
 * first: "Attendance rules" is a rule (level 5) whatever loop it sits in, "Opening hours" a
 * parameter (level 12). Word lists are deliberately short: a suggestion, never the group's call.
 */
const ROLES: readonly { readonly level: number; readonly role: string; readonly words: RegExp }[] =
  [
    {
      level: 2,
      role: 'a shared belief or mindset',
      words: /\b(paradigms?|mindsets?|beliefs?|worldviews?|culture|values|norms)\b/i,
    },
    {
      level: 3,
      role: 'a goal of the system',
      words: /\b(goals?|targets?|aims?|purposes?|missions?|objectives?|priorit(y|ies))\b/i,
    },
    {
      level: 4,
      role: 'the power to change how the system is organised',
      words: /\b(self-organi[sz]\w*|autonomy|governance|decision[- ]making)\b/i,
    },
    {
      level: 5,
      role: 'a rule or policy',
      words:
        /\b(rules?|polic(y|ies)|laws?|regulations?|mandates?|requirements?|eligibility|incentives?|penalt(y|ies)|sanctions?|legislation|bylaws?)\b/i,
    },
    {
      level: 6,
      role: 'a flow of information',
      words:
        /\b(information|awareness|data|feedback|reporting|transparency|visibility|monitoring)\b/i,
    },
    {
      level: 9,
      role: 'a delay',
      words: /\b(delays?|waiting times?|wait times?|lag|lead times?)\b/i,
    },
    {
      level: 10,
      role: 'physical structure',
      words: /\b(infrastructure|roads?|buildings?|facilities|supply chains?)\b/i,
    },
    {
      level: 11,
      role: 'a buffer or stock',
      words: /\b(buffers?|reserves?|savings|stockpiles?|inventor(y|ies)|backlogs?)\b/i,
    },
    {
      level: 12,
      role: 'a number or parameter',
      words:
        /\b(budgets?|prices?|fees?|tax(es)?|wages?|salar(y|ies)|subsid(y|ies)|funding|hours|rates?|quotas?)\b/i,
    },
  ];

export interface LevelSuggestion {
  readonly level: MeadowsLevel;
  /** "its words make it a rule or policy", "it sits in reinforcing loop R1 'Trust spiral'". */
  readonly reason: string;
}

const loopName = (l: Loop, names: ReadonlyMap<string, string>): string => {
  const name = names.get(l.signature);
  return `${l.label || l.polarity}${name ? ` ${quoted(name)}` : ''}`;
};

/**
 * The Meadows level the analysis suggests for a factor: from the role its words name if they
 * name one, else from its loops (in a reinforcing loop: 7, the gain around it; only in balancing
 * loops: 8, their strength). None for a factor in no loop whose words name no role.
 */
export function suggestLevel(
  element: Pick<ElementRecord, 'label' | 'description' | 'tags'>,
  through: readonly Loop[],
  names: ReadonlyMap<string, string> = new Map(),
): LevelSuggestion | undefined {
  const text = [element.label, ...(element.tags ?? []), element.description ?? ''].join(' \n ');
  const role = ROLES.find((r) => r.words.test(text));
  if (role)
    return {
      level: meadowsLevel(role.level)!,
      reason: `its words make it ${role.role}`,
    };
  const reinforcing = through.filter((l) => l.polarity === 'R');
  if (reinforcing.length)
    return {
      level: meadowsLevel(7)!,
      reason: `it sits in reinforcing ${reinforcing.length === 1 ? 'loop' : 'loops'} ${listPhrase(reinforcing.map((l) => loopName(l, names)))}, whose gain decides how fast the spiral runs`,
    };
  if (through.length)
    return {
      level: meadowsLevel(8)!,
      reason: `it sits only in balancing ${through.length === 1 ? 'loop' : 'loops'} ${listPhrase(through.map((l) => loopName(l, names)))}, whose strength decides how hard the system pulls back`,
    };
  return undefined;
}

/** Each factor's outgoing causal links (proposed ones left out; mutual links count both ways). */
export function causalEffects(
  connections: readonly ConnectionRecord[],
): Map<string, { to: string; polarity: string | undefined }[]> {
  const out = new Map<string, { to: string; polarity: string | undefined }[]>();
  const add = (from: string, to: string, polarity: string | undefined) => {
    const list = out.get(from) ?? [];
    list.push({ to, polarity });
    out.set(from, list);
  };
  for (const c of connections) {
    if (c.kind !== 'causal' || c.proposed || c.from === c.to) continue;
    add(c.from, c.to, c.polarity);
    if (c.direction === 'mutual') add(c.to, c.from, c.polarity);
  }
  return out;
}

export interface ExplainInput {
  readonly through: readonly Loop[];
  /** The loops to name (named first, then shortest), already chosen. */
  readonly shown: readonly Loop[];
  readonly truncated: boolean;
  readonly names: ReadonlyMap<string, string>;
  readonly labelOf: (id: string) => string;
  readonly selfId: string;
  readonly effects: readonly { to: string; polarity: string | undefined }[];
  readonly reach: number;
  readonly reachSteps: number;
  /** Betweenness as a share of the largest among the candidates, 0..1. */
  readonly betweennessShare: number;
  readonly votes: number;
  /** Set when the level is the analysis's suggestion (not the group's tag). */
  readonly suggestion: LevelSuggestion | undefined;
}

/** The explanation's clauses, joined with "; " (the views capitalise and end it). */
export function explainLeverage(x: ExplainInput): string {
  const parts: string[] = [];
  const { through, names } = x;
  if (through.length) {
    const others = (l: Loop) => l.elements.filter((id) => id !== x.selfId).map(x.labelOf);
    const describe = (l: Loop) =>
      `${loopName(l, names)} (${l.polarity === 'R' ? 'reinforcing' : 'balancing'}${
        others(l).length
          ? `, with ${listPhrase(
              others(l).map((o) => quoted(o)),
              2,
            )}`
          : ''
      }${l.hasDelay ? ', delayed' : ''})`;
    const listed = x.shown.slice(0, 3);
    const more = through.length - listed.length;
    parts.push(
      `in ${x.truncated ? 'at least ' : ''}${plural(through.length, 'loop')}: ${listed.map(describe).join(', ')}${more > 0 ? ` and ${plural(more, 'other')}` : ''}`,
    );
    const r = through.filter((l) => l.polarity === 'R');
    const b = through.filter((l) => l.polarity === 'B');
    const rNames = listPhrase(r.map((l) => loopName(l, names)));
    const bNames = listPhrase(b.map((l) => loopName(l, names)));
    if (r.length && b.length)
      parts.push(
        `a push on it comes back stronger around ${rNames} and is resisted by ${bNames}, so which wins decides whether the change lasts`,
      );
    else if (r.length)
      parts.push(
        `a push on it comes back stronger around ${rNames}: raising it feeds more growth, lowering it can set off a decline`,
      );
    else
      parts.push(
        `a push on it is resisted by ${bNames}, which pulls it back toward where it was unless the loop itself changes`,
      );
  } else parts.push('in no feedback loop: a push on it does not come back to it');
  const ups = x.effects.filter((e) => e.polarity !== '-').map((e) => quoted(x.labelOf(e.to)));
  const downs = x.effects.filter((e) => e.polarity === '-').map((e) => quoted(x.labelOf(e.to)));
  const effect = [
    ups.length ? `raises ${listPhrase(ups)}` : '',
    downs.length ? `lowers ${listPhrase(downs)}` : '',
  ].filter(Boolean);
  if (effect.length) parts.push(`raising it directly ${effect.join(' and ')}`);
  if (x.reach > 0) parts.push(`reaches ${plural(x.reach, 'factor')} within ${x.reachSteps} steps`);
  if (x.betweennessShare >= 0.5) parts.push('lies on many paths between other factors');
  else if (x.betweennessShare >= 0.1) parts.push('lies on some paths between other factors');
  if (x.votes > 0) parts.push(`${plural(x.votes, 'vote')} from the group`);
  if (x.suggestion)
    parts.push(
      `suggested Meadows level ${x.suggestion.level.level} (${x.suggestion.level.short.toLowerCase()}), because ${x.suggestion.reason}; a suggestion, not the group's choice`,
    );
  return parts.join('; ');
}
