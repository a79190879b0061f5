/**
 * Keybindings written as `mod+shift+p`: modifiers (`mod`, `ctrl`, `cmd`/`meta`, `alt`, `shift`)
 * and one key, joined by `+`. `mod` is Cmd on a Mac and Ctrl elsewhere. Keys are letters,
 * digits, named keys (`enter`, `escape`, `delete`, `backspace`, `f2`, `up`, `down`, `left`,
 * `right`, `space`, `tab`, `home`, `end`) and punctuation, with `plus` and `minus` for `+`/`-`.
 *
 * Everything is normalised to one canonical string (`ctrl+shift+p`, `meta+z`, `alt+arrowup`,
 * `plus`), so a binding and a key press compare as strings.
 */

export interface KeyPress {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const ALIASES: Record<string, string> = {
  esc: 'escape',
  del: 'delete',
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  return: 'enter',
  '+': 'plus',
  '-': 'minus',
  ' ': 'space',
  spacebar: 'space',
};

const MODIFIER_KEYS = new Set(['control', 'shift', 'alt', 'meta', 'os', 'altgraph']);

export class KeybindingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeybindingError';
  }
}

export function isMacPlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  return /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);
}

function canonical(
  mods: { ctrl: boolean; meta: boolean; alt: boolean; shift: boolean },
  key: string,
) {
  return [mods.ctrl && 'ctrl', mods.meta && 'meta', mods.alt && 'alt', mods.shift && 'shift', key]
    .filter(Boolean)
    .join('+');
}

/** Parses `mod+shift+p` into its canonical form for this platform; throws on nonsense. */
export function parseKeybinding(spec: string, mac = isMacPlatform()): string {
  const parts = spec
    .toLowerCase()
    .split('+')
    .map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new KeybindingError(`Bad keybinding "${spec}".`);
  const mods = { ctrl: false, meta: false, alt: false, shift: false };
  let key: string | null = null;
  for (const p of parts) {
    const m =
      p === 'mod'
        ? mac
          ? 'meta'
          : 'ctrl'
        : p === 'ctrl' || p === 'control'
          ? 'ctrl'
          : p === 'cmd' || p === 'meta' || p === 'command'
            ? 'meta'
            : p === 'alt' || p === 'option'
              ? 'alt'
              : p === 'shift'
                ? 'shift'
                : null;
    if (m) {
      if (mods[m]) throw new KeybindingError(`Keybinding "${spec}" repeats a modifier.`);
      mods[m] = true;
      continue;
    }
    if (key !== null) throw new KeybindingError(`Keybinding "${spec}" has two keys.`);
    key = ALIASES[p] ?? p;
  }
  if (key === null) throw new KeybindingError(`Keybinding "${spec}" has no key.`);
  if (key.length > 1 && !/^(f\d{1,2}|[a-z]+)$/.test(key))
    throw new KeybindingError(`Keybinding "${spec}": unknown key "${key}".`);
  return canonical(mods, key);
}

/**
 * The canonical chord of a key press, or null for a lone modifier. Letters and digits are read
 * from the physical key (so Alt+letter on a Mac still reads as the letter); punctuation is read
 * from the character typed, and Shift is then part of the character (`+`, not `shift+=`).
 */
export function chordOf(e: KeyPress): string | null {
  const raw = e.key;
  if (!raw || MODIFIER_KEYS.has(raw.toLowerCase())) return null;
  const mods = { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey, shift: e.shiftKey };
  const code = e.code ?? '';
  let key: string;
  let m: RegExpExecArray | null;
  if ((m = /^Key([A-Z])$/.exec(code))) key = m[1]!.toLowerCase();
  else if ((m = /^Digit(\d)$/.exec(code))) key = m[1]!;
  else if (raw.length === 1) {
    const lower = raw.toLowerCase();
    if (/^[a-z0-9]$/.test(lower)) key = lower;
    else {
      key = ALIASES[raw] ?? raw;
      mods.shift = false;
    }
  } else key = ALIASES[raw.toLowerCase()] ?? raw.toLowerCase();
  return canonical(mods, key);
}

const MAC_SYMBOLS: Record<string, string> = { ctrl: '⌃', meta: '⌘', alt: '⌥', shift: '⇧' };
const NAMES: Record<string, string> = {
  ctrl: 'Ctrl',
  meta: 'Meta',
  alt: 'Alt',
  shift: 'Shift',
  arrowup: '↑',
  arrowdown: '↓',
  arrowleft: '←',
  arrowright: '→',
  escape: 'Esc',
  delete: 'Delete',
  backspace: 'Backspace',
  enter: 'Enter',
  space: 'Space',
  plus: '+',
  minus: '-',
};

/** For people: `Ctrl+Shift+P` (or `⇧⌘P` on a Mac). Takes a spec or a canonical chord. */
export function formatKeybinding(spec: string, mac = isMacPlatform()): string {
  const parts = parseKeybinding(spec, mac).split('+');
  const label = (p: string) => NAMES[p] ?? (p.length === 1 ? p.toUpperCase() : p.toUpperCase());
  if (mac) {
    const key = parts.pop()!;
    const order = ['ctrl', 'alt', 'shift', 'meta'];
    return (
      order
        .filter((m) => parts.includes(m))
        .map((m) => MAC_SYMBOLS[m])
        .join('') + label(key)
    );
  }
  return parts.map(label).join('+');
}

/** The form `aria-keyshortcuts` wants: `Control+Shift+P`. */
export function ariaKeyshortcuts(spec: string, mac = isMacPlatform()): string {
  const names: Record<string, string> = {
    ctrl: 'Control',
    meta: 'Meta',
    alt: 'Alt',
    shift: 'Shift',
    plus: 'Plus',
    minus: 'Minus',
    escape: 'Escape',
    space: 'Space',
  };
  return parseKeybinding(spec, mac)
    .split('+')
    .map(
      (p) =>
        names[p] ??
        (p.startsWith('arrow')
          ? `Arrow${p.slice(5, 6).toUpperCase()}${p.slice(6)}`
          : p.length === 1
            ? p.toUpperCase()
            : p[0]!.toUpperCase() + p.slice(1)),
    )
    .join('+');
}

/** True when typing goes into this element (inputs, text areas, selects, editable content). */
export function isTextInput(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const input = el.closest('input, textarea, select');
  if (!input) return false;
  if (input.tagName !== 'INPUT') return true;
  const type = (input as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
    type,
  );
}
