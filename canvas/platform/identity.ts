/** The person at this device: a stable random id, a display name and a colour, kept locally. */
export interface LocalUser {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

const KEY = 'weavemap.user';
export const USER_COLORS = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#008080',
  '#f032e6',
  '#9a6324',
  '#800000',
  '#000075',
] as const;

const ANIMALS = [
  'Heron',
  'Otter',
  'Lynx',
  'Wren',
  'Badger',
  'Falcon',
  'Marten',
  'Ibis',
  'Hare',
  'Stoat',
];

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)] as T;
}

export function loadLocalUser(storage: Storage = localStorage): LocalUser {
  try {
    const raw = storage.getItem(KEY);
    if (raw) {
      const u = JSON.parse(raw) as Partial<LocalUser>;
      if (typeof u.id === 'string' && typeof u.name === 'string' && typeof u.color === 'string')
        return { id: u.id, name: u.name, color: u.color };
    }
  } catch {
    // A damaged entry is replaced below.
  }
  const user = { id: randomId(), name: `Guest ${pick(ANIMALS)}`, color: pick(USER_COLORS) };
  storage.setItem(KEY, JSON.stringify(user));
  return user;
}

export function saveLocalUser(user: LocalUser, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(user));
}

/**
 * Up to two initials for an avatar, from the words of a name that start with a letter or a
 * digit ("Ana (facilitator)" is "A", not "A("; "Guest Otter" is "GO").
 */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
  const letters = words.slice(0, 2).map((w) => [...w][0]!.toLocaleUpperCase());
  return letters.join('') || '?';
}

/** Whether a name is one this device made up (`Guest Otter`), not one the person chose. */
export function isGuestName(name: string): boolean {
  return /^Guest (\p{Lu}\p{Ll}+)$/u.test(name) && ANIMALS.includes(name.slice(6));
}

/**
 * A free colour this person should switch to, or null: when someone else in the room shows the
 * same colour and the palette still has colours nobody uses. Of two people with one colour, the
 * one with the greater user id moves (each screen decides the same), so they never both move.
 */
export function colourToYieldTo(
  me: LocalUser,
  others: readonly { readonly id: string; readonly color: string }[],
): string | null {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const clash = others.some((o) => o.id !== me.id && same(o.color, me.color) && o.id < me.id);
  if (!clash) return null;
  const used = new Set(others.filter((o) => o.id !== me.id).map((o) => o.color.toLowerCase()));
  return USER_COLORS.find((c) => !used.has(c.toLowerCase())) ?? null;
}
