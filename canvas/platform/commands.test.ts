import { describe, expect, it } from 'vitest';
import { CommandError, CommandRegistry } from './commands';
import { EMPTY_CONTEXT, type ContextKeys } from './context-keys';
import { ViewRegistry } from './views';

const key = (
  key: string,
  code: string,
  mods: { ctrl?: boolean; shift?: boolean } = {},
  target: EventTarget | null = null,
) => ({
  key,
  code,
  ctrlKey: !!mods.ctrl,
  metaKey: false,
  altKey: false,
  shiftKey: !!mods.shift,
  target,
});

function registry(ctx: Partial<ContextKeys> = {}) {
  const r = new CommandRegistry<{ log: string[] }>({ mac: false });
  const services = { log: [] as string[] };
  r.setServices(services);
  r.setContextProvider(() => ({ ...EMPTY_CONTEXT, hasMap: true, readOnly: false, ...ctx }));
  return { r, services };
}

describe('command registry', () => {
  it('runs commands by id with arguments', async () => {
    const { r, services } = registry();
    r.register({
      id: 'map.add',
      title: 'Add',
      category: 'Map',
      run: (s, a) => s.log.push(`add ${String(a)}`),
    });
    await r.execute('map.add', 'factor');
    expect(services.log).toEqual(['add factor']);
  });

  it('refuses a keybinding claimed twice, naming both commands', () => {
    const { r } = registry();
    r.register({ id: 'a', title: 'A', category: 'X', keybinding: 'mod+shift+e', run: () => {} });
    expect(() =>
      r.register({ id: 'b', title: 'B', category: 'X', keybinding: 'ctrl+shift+E', run: () => {} }),
    ).toThrow(/Ctrl\+Shift\+E is claimed by both "a" and "b"/);
    expect(() => r.register({ id: 'a', title: 'A again', category: 'X', run: () => {} })).toThrow(
      CommandError,
    );
  });

  it('does nothing when `when` is false, and throws on unknown ids', async () => {
    const { r, services } = registry({ readOnly: true });
    r.register({
      id: 'del',
      title: 'Delete',
      category: 'Map',
      when: (c) => !c.readOnly,
      run: (s) => s.log.push('del'),
    });
    expect(await r.execute('del')).toBe(false);
    expect(services.log).toEqual([]);
    await expect(r.execute('nope')).rejects.toThrow(/No command "nope"/);
  });

  it('finds the command for a key press, and respects focus in text fields', () => {
    const { r } = registry();
    r.register({
      id: 'palette',
      title: 'Palette',
      category: 'View',
      keybinding: 'mod+shift+p',
      keybindingInInputs: true,
      run: () => {},
    });
    r.register({
      id: 'delete',
      title: 'Delete',
      category: 'Map',
      keybinding: 'delete',
      run: () => {},
    });
    expect(r.commandForKey(key('P', 'KeyP', { ctrl: true, shift: true }))?.id).toBe('palette');
    expect(r.commandForKey(key('Delete', 'Delete'))?.id).toBe('delete');
    const typing = registry({ inputFocus: true }).r;
    typing.register({
      id: 'palette',
      title: 'Palette',
      category: 'View',
      keybinding: 'mod+shift+p',
      keybindingInInputs: true,
      run: () => {},
    });
    typing.register({
      id: 'delete',
      title: 'Delete',
      category: 'Map',
      keybinding: 'delete',
      run: () => {},
    });
    expect(typing.commandForKey(key('Delete', 'Delete'))).toBeUndefined();
    expect(typing.commandForKey(key('P', 'KeyP', { ctrl: true, shift: true }))?.id).toBe('palette');
  });

  it('takes several keybindings for one command', () => {
    const { r } = registry();
    r.register({
      id: 'del',
      title: 'Delete',
      category: 'Map',
      keybinding: ['delete', 'backspace'],
      run: () => {},
    });
    expect(r.commandForKey(key('Backspace', 'Backspace'))?.id).toBe('del');
    expect(r.get('del')?.keyLabels).toEqual(['Delete', 'Backspace']);
    expect(() =>
      r.register({ id: 'x', title: 'X', category: 'Map', keybinding: 'backspace', run: () => {} }),
    ).toThrow(/claimed/);
  });

  it('lists commands with their key labels for the palette', () => {
    const { r } = registry();
    r.register({ id: 'b', title: 'Undo', category: 'Edit', keybinding: 'mod+z', run: () => {} });
    r.register({ id: 'a', title: 'Add Factor', category: 'Map', run: () => {} });
    expect(r.all().map((c) => [c.title, c.keyLabel])).toEqual([
      ['Undo', 'Ctrl+Z'],
      ['Add Factor', undefined],
    ]);
  });
});

describe('view registry', () => {
  it('lists views of a location in order, and refuses duplicates', () => {
    const v = new ViewRegistry<string>();
    v.register({ id: 'people', title: 'People', location: 'sidebar', order: 20, component: 'P' });
    v.register({ id: 'outline', title: 'Outline', location: 'sidebar', order: 10, component: 'O' });
    v.register({ id: 'activity', title: 'Activity', location: 'panel', order: 10, component: 'A' });
    expect(v.list('sidebar').map((x) => x.id)).toEqual(['outline', 'people']);
    expect(() =>
      v.register({ id: 'people', title: 'x', location: 'panel', order: 1, component: '' }),
    ).toThrow();
  });
});
