import {
  chordOf,
  formatKeybinding,
  isMacPlatform,
  isTextInput,
  parseKeybinding,
  type KeyPress,
} from './keybindings';
import { EMPTY_CONTEXT, type ContextKeys, type When } from './context-keys';

/**
 * The command registry (VS Code style). Every action is a command with an id, a title, a
 * category, an optional keybinding and `when` condition; the palette, keys, toolbar buttons and
 * menus all run commands through `execute`. A keybinding claimed by two commands is an error at
 * registration, so a clash shows at start-up, not as a key that silently does one of two things.
 */

export interface CommandDescriptor<S> {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  /** `mod+shift+p` style (see keybindings.ts); several when more than one key does it. */
  readonly keybinding?: string | readonly string[];
  /** Also run the keybinding while typing in a text field (palette, quick open). */
  readonly keybindingInInputs?: boolean;
  readonly when?: When;
  /**
   * An extra condition for the keybinding only (single-key shortcuts need focus on the map;
   * the same command from the palette or a button does not).
   */
  readonly keyWhen?: When;
  /** Hidden from the palette (commands that need arguments a person cannot type). */
  readonly hidden?: boolean;
  readonly run: (services: S, args?: unknown) => unknown;
}

export interface RegisteredCommand<S> extends CommandDescriptor<S> {
  /** Canonical chords of the keybindings for this platform. */
  readonly chords: readonly string[];
  /** The first keybinding for people (`Ctrl+Shift+P`, or `⇧⌘P` on a Mac). */
  readonly keyLabel?: string;
  /** Every keybinding for people. */
  readonly keyLabels: readonly string[];
}

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export class CommandRegistry<S> {
  readonly #commands = new Map<string, RegisteredCommand<S>>();
  readonly #byChord = new Map<string, RegisteredCommand<S>>();
  readonly #mac: boolean;
  #services: S | null = null;
  #context: () => ContextKeys = () => EMPTY_CONTEXT;
  readonly #listeners = new Set<(id: string, error?: unknown) => void>();

  constructor(opts: { mac?: boolean } = {}) {
    this.#mac = opts.mac ?? isMacPlatform();
  }

  /** Adds a command. Throws on a duplicate id or a keybinding another command has. */
  register(cmd: CommandDescriptor<S>): () => void {
    if (!cmd.id || !cmd.title) throw new CommandError('A command needs an id and a title.');
    if (this.#commands.has(cmd.id))
      throw new CommandError(`Command "${cmd.id}" is registered twice.`);
    const specs =
      cmd.keybinding === undefined
        ? []
        : typeof cmd.keybinding === 'string'
          ? [cmd.keybinding]
          : cmd.keybinding;
    const chords = specs.map((k) => parseKeybinding(k, this.#mac));
    chords.forEach((chord, i) => {
      const other = this.#byChord.get(chord);
      if (other || chords.indexOf(chord) !== i)
        throw new CommandError(
          `Keybinding ${formatKeybinding(chord, this.#mac)} is claimed by both "${other?.id ?? cmd.id}" and "${cmd.id}".`,
        );
    });
    const keyLabels = chords.map((c) => formatKeybinding(c, this.#mac));
    const registered: RegisteredCommand<S> = {
      ...cmd,
      chords,
      keyLabels,
      ...(keyLabels[0] ? { keyLabel: keyLabels[0] } : {}),
    };
    this.#commands.set(cmd.id, registered);
    for (const chord of chords) this.#byChord.set(chord, registered);
    return () => {
      this.#commands.delete(cmd.id);
      for (const chord of chords) this.#byChord.delete(chord);
    };
  }

  get(id: string): RegisteredCommand<S> | undefined {
    return this.#commands.get(id);
  }

  /** Every command, by category then title. */
  all(): RegisteredCommand<S>[] {
    return [...this.#commands.values()].sort(
      (a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title),
    );
  }

  keyLabel(id: string): string | undefined {
    return this.#commands.get(id)?.keyLabel;
  }

  /** The services commands run with (the open workbench), or null when there is none. */
  setServices(services: S | null): void {
    this.#services = services;
  }

  setContextProvider(provider: () => ContextKeys): void {
    this.#context = provider;
  }

  context(): ContextKeys {
    return this.#context();
  }

  isEnabled(id: string, ctx: ContextKeys = this.#context()): boolean {
    const cmd = this.#commands.get(id);
    return !!cmd && this.#services !== null && (!cmd.when || cmd.when(ctx));
  }

  /** Called after each command runs (or fails): for the activity log and tests. */
  onDidExecute(listener: (id: string, error?: unknown) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs a command. Unknown ids throw; a command whose `when` is false does nothing and returns
   * false (a stale button or key press, not an error).
   */
  async execute(id: string, args?: unknown): Promise<unknown> {
    const cmd = this.#commands.get(id);
    if (!cmd) throw new CommandError(`No command "${id}".`);
    if (!this.isEnabled(id)) return false;
    try {
      const result = await cmd.run(this.#services as S, args);
      for (const l of this.#listeners) l(id);
      return result;
    } catch (e) {
      for (const l of this.#listeners) l(id, e);
      throw e;
    }
  }

  /** The command a key press runs now, if any (respecting focus in text fields and `when`). */
  commandForKey(e: KeyPress & { target?: EventTarget | null }): RegisteredCommand<S> | undefined {
    const chord = chordOf(e);
    if (!chord) return undefined;
    const cmd = this.#byChord.get(chord);
    if (!cmd) return undefined;
    const ctx = this.#context();
    const typing = ctx.inputFocus || isTextInput(e.target ?? null);
    if (typing && !cmd.keybindingInInputs) return undefined;
    if (cmd.keyWhen && !cmd.keyWhen(ctx)) return undefined;
    return this.isEnabled(cmd.id, ctx) ? cmd : undefined;
  }

  /**
   * Listens for keys on `target` and runs the bound command. Returns a function that stops it.
   * `onError` hears commands that throw (the workbench shows the message).
   */
  installKeyDispatcher(
    target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
    onError: (e: unknown) => void = (e) => console.error(e),
  ): () => void {
    const onKey = (event: Event) => {
      const e = event as KeyboardEvent;
      if (e.defaultPrevented || e.isComposing) return;
      const cmd = this.commandForKey(e);
      if (!cmd) return;
      e.preventDefault();
      e.stopPropagation();
      this.execute(cmd.id).catch(onError);
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }
}
