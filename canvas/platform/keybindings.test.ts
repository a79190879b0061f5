import { describe, expect, it } from 'vitest';
import { chordOf, formatKeybinding, KeybindingError, parseKeybinding } from './keybindings';

const press = (
  key: string,
  code: string,
  mods: Partial<Record<'ctrl' | 'meta' | 'alt' | 'shift', boolean>> = {},
) => ({
  key,
  code,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
});

describe('keybindings', () => {
  it('reads mod as Ctrl elsewhere and Cmd on a Mac', () => {
    expect(parseKeybinding('mod+shift+p', false)).toBe('ctrl+shift+p');
    expect(parseKeybinding('mod+shift+p', true)).toBe('meta+shift+p');
    expect(parseKeybinding('Shift+Mod+P', false)).toBe('ctrl+shift+p');
  });

  it('normalises key names', () => {
    expect(parseKeybinding('del', false)).toBe('delete');
    expect(parseKeybinding('alt+up', false)).toBe('alt+arrowup');
    expect(parseKeybinding('F2', false)).toBe('f2');
    expect(parseKeybinding('plus', false)).toBe('plus');
  });

  it('refuses nonsense', () => {
    expect(() => parseKeybinding('ctrl+', false)).toThrow(KeybindingError);
    expect(() => parseKeybinding('ctrl+shift', false)).toThrow(/no key/);
    expect(() => parseKeybinding('a+b', false)).toThrow(/two keys/);
    expect(() => parseKeybinding('ctrl+ctrl+a', false)).toThrow(/repeats/);
    expect(() => parseKeybinding('ctrl+@@', false)).toThrow(/unknown key/);
  });

  it('turns key presses into the same chords', () => {
    expect(chordOf(press('P', 'KeyP', { ctrl: true, shift: true }))).toBe('ctrl+shift+p');
    expect(chordOf(press('z', 'KeyZ', { meta: true }))).toBe(parseKeybinding('mod+z', true));
    // Shift is part of the character for punctuation: "+" is one key, not shift+=.
    expect(chordOf(press('+', 'Equal', { shift: true }))).toBe('plus');
    expect(chordOf(press('-', 'Minus'))).toBe('minus');
    expect(chordOf(press('=', 'Equal', { ctrl: true }))).toBe(parseKeybinding('mod+=', false));
    // Alt+letter on a Mac types a symbol; the physical key still counts.
    expect(chordOf(press('∂', 'KeyD', { alt: true }))).toBe('alt+d');
    expect(chordOf(press('ArrowUp', 'ArrowUp', { alt: true }))).toBe('alt+arrowup');
    expect(chordOf(press('Delete', 'Delete'))).toBe('delete');
    expect(chordOf(press('Shift', 'ShiftLeft', { shift: true }))).toBeNull();
  });

  it('formats for people', () => {
    expect(formatKeybinding('mod+shift+p', false)).toBe('Ctrl+Shift+P');
    expect(formatKeybinding('mod+shift+p', true)).toBe('⇧⌘P');
    expect(formatKeybinding('alt+up', false)).toBe('Alt+↑');
  });
});
