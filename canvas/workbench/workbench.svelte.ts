import { NewElementSettler } from './settle-new';
import type { ElementKind, Polarity, Position } from '../../shared/schema/types';
import { DomainError } from '../../shared/domain/index';
import type { MapSession } from '../platform/map-session.svelte';
import type { ContextKeys } from '../platform/context-keys';
import { ServiceContainer } from '../platform/services';
import { EditorState, type MapRenderer } from '../editor/index';
import { createSubscriber } from 'svelte/reactivity';
import { KIND_WORD } from '../ui/kind-names';
import { contributedContextKeys, views } from './registry';
import type { QuickInputRequest } from './quick-input';
import { addElement } from './commands/add';
import { commitRename } from './commands/rename';
import { connectElements } from './commands/connect';
import { deleteSelection } from './commands/delete';

export type { QuickInputRequest, QuickItem } from './quick-input';

/**
 * The open map's workbench: view state (selection, focus, open parts, dialogs) and the
 * operations commands call. Every document write goes through shared/domain with the session's
 * edit context; a refused write leaves the map as it was and shows why.
 */
export class Workbench {
  readonly session: MapSession;

  /** The selection and viewport, held once; the renderer draws from it (editor-state.ts). */
  readonly editor = new EditorState();
  readonly #selectionChanged = createSubscriber((update) =>
    this.editor.subscribe('selection', update),
  );
  readonly #viewportChanged = createSubscriber((update) =>
    this.editor.subscribe('viewport', update),
  );

  /** Selected ids (reactive: read in a component or effect, it follows the editor state). */
  get selection(): readonly string[] {
    this.#selectionChanged();
    return this.editor.selection;
  }

  /** The renderer's zoom (reactive). */
  get zoom(): number {
    this.#viewportChanged();
    return this.editor.viewport?.zoom ?? 1;
  }
  mapFocused = $state(false);
  sidebarView = $state<string | null>('outline');
  panelView = $state<string | null>('activity');
  inspectorOpen = $state(true);
  quickInput = $state.raw<QuickInputRequest | null>(null);
  renaming = $state.raw<{ id: string; type: 'element' | 'connection' } | null>(null);
  /** Source element of a connection being made from the keyboard. */
  connectFrom = $state<string | null>(null);
  /** Kind the toolbar adds. */
  newKind = $state<ElementKind>('factor');
  /**
   * Present mode: the map fills the window, every other part of the workbench is hidden (the
   * present contribution turns it on and off; RoomView hides the chrome).
   */
  presenting = $state(false);
  /**
   * The loops each element is in (R1, B2, ...), from the latest analysis (the analysis
   * contribution publishes it; null until it has run). The Outline announces them.
   */
  loopsOf = $state.raw<ReadonlyMap<string, readonly string[]> | null>(null);
  /** Awareness client id of the person whose viewport this one follows. */
  following = $state<number | null>(null);
  notice = $state.raw<{ text: string; tone: 'error' | 'info' } | null>(null);
  /** Read by screen readers (a polite live region). */
  announcement = $state('');
  /**
   * A part asked to take keyboard focus (`inspector`, `view:<id>`, a feature's field such as
   * `people.name`): commands ask, and the component of that name honours it with
   * `takeFocusRequest`, so no command reaches into the page by element id.
   */
  focusRequest = $state.raw<{ readonly target: string; readonly n: number } | null>(null);

  renderer: MapRenderer | null = null;
  mapElement: HTMLElement | null = null;
  /** The room's fixed-height row for session UI (phase, timer, vote state): never over the map. */
  sessionSlot = $state<HTMLElement | null>(null);
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;

  /** What features keep for this map (their stores, channels between them): services.ts. */
  readonly services = new ServiceContainer();
  /** Keeps elements two people add at the same moment apart. */
  readonly newElements: NewElementSettler;

  constructor(session: MapSession) {
    this.session = session;
    this.newElements = new NewElementSettler(session);
  }

  get snapshot() {
    return this.session.snapshot;
  }

  get readOnly(): boolean {
    return this.session.readOnly;
  }

  context(): ContextKeys {
    const active = typeof document !== 'undefined' ? document.activeElement : null;
    const inputFocus =
      !!active &&
      (active.matches(
        'input:not([type=checkbox]):not([type=radio]):not([type=color]), textarea, select',
      ) ||
        (active as HTMLElement).isContentEditable);
    const snap = this.snapshot;
    let selectedElements = 0;
    let selectedConnections = 0;
    for (const id of this.selection) {
      if (snap.elements.has(id)) selectedElements++;
      else if (snap.connections.has(id)) selectedConnections++;
    }
    return {
      ...contributedContextKeys(this),
      hasMap: true,
      readOnly: this.readOnly,
      mapFocus: this.mapFocused,
      inputFocus,
      dialogOpen: this.quickInput !== null,
      selectedElements,
      selectedConnections,
      connecting: this.connectFrom !== null,
      canUndo: this.session.canUndo,
      canRedo: this.session.canRedo,
      following: this.following !== null,
      presenting: this.presenting,
    };
  }

  // ---- feedback ----

  say(text: string, tone: 'error' | 'info' = 'info'): void {
    this.notice = { text, tone };
    this.announcement = text;
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    if (tone === 'info') this.#noticeTimer = setTimeout(() => (this.notice = null), 6000);
  }

  /** Runs a write; a refused one shows its reason and writes nothing. */
  write<T>(fn: () => T): T | undefined {
    if (this.readOnly) {
      this.say(this.session.readOnlyReason ?? 'This map is read-only here.', 'error');
      return undefined;
    }
    try {
      return fn();
    } catch (e) {
      this.say(
        e instanceof DomainError ? e.message : `Could not change the map: ${String(e)}`,
        'error',
      );
      return undefined;
    }
  }

  labelOf(id: string): string {
    const el = this.snapshot.elements.get(id);
    if (el) return el.label || `untitled ${KIND_WORD[el.kind]}`;
    const c = this.snapshot.connections.get(id);
    if (c) return `${this.labelOf(c.from)} to ${this.labelOf(c.to)}`;
    return 'nothing';
  }

  // ---- selection and focus ----

  select(ids: readonly string[], opts: { reveal?: boolean } = {}): void {
    const snap = this.snapshot;
    const kept = ids.filter((id) => snap.elements.has(id) || snap.connections.has(id));
    this.editor.setSelection(kept);
    this.session.setPresence({ selection: kept }, true);
    if (opts.reveal && kept[0]) this.reveal(kept[0]);
    this.announceSelection();
  }

  announceSelection(): void {
    const sel = this.selection;
    if (sel.length === 0) return;
    if (sel.length > 1) {
      this.announcement = `${sel.length} selected`;
      return;
    }
    const id = sel[0]!;
    const el = this.snapshot.elements.get(id);
    if (el) {
      let links = 0;
      for (const c of this.snapshot.connections.values()) if (c.from === id || c.to === id) links++;
      this.announcement = `${KIND_WORD[el.kind]} ${el.label || 'untitled'}, ${links} connection${links === 1 ? '' : 's'}${this.connectFrom ? `. Press C or Enter to connect ${this.labelOf(this.connectFrom)} to it` : ''}`;
    } else if (this.snapshot.connections.has(id)) {
      const c = this.snapshot.connections.get(id)!;
      this.announcement = `connection from ${this.labelOf(c.from)} to ${this.labelOf(c.to)}${c.polarity ? `, ${c.polarity === '+' ? 'plus' : 'minus'}` : ''}`;
    }
  }

  /** Brings an element (or connection) into view, keeping the zoom if it is legible. */
  reveal(id: string): void {
    const r = this.renderer;
    if (!r) return;
    const el = this.snapshot.elements.get(id);
    const c = this.snapshot.connections.get(id);
    const target = el ?? (c ? this.snapshot.elements.get(c.from) : undefined);
    if (!target) return;
    const g = r.scene.elements.get(target.id);
    if (!g && r.scene.invalid.has(target.id)) return; // not on the map: nowhere to go
    const center = g ? { x: g.cx, y: g.cy } : { x: target.position[0], y: target.position[1] };
    const v = r.getViewport();
    const inside =
      center.x > v.rect.x + 40 &&
      center.x < v.rect.x + v.rect.width - 40 &&
      center.y > v.rect.y + 40 &&
      center.y < v.rect.y + v.rect.height - 40;
    if (!inside || v.zoom < 0.5) r.zoomTo(Math.max(v.zoom, 0.8), center, 250);
  }

  focusMap(): void {
    this.mapElement?.focus({ preventScroll: true });
  }

  showView(id: string): void {
    const v = views.get(id);
    if (!v) return;
    if (v.location === 'sidebar') this.sidebarView = id;
    else this.panelView = id;
    // The view takes focus once it is drawn, so keyboard users land in it.
    this.requestFocus(`view:${id}`);
  }

  requestFocus(target: string): void {
    this.focusRequest = { target, n: (this.focusRequest?.n ?? 0) + 1 };
  }

  /** True once for each request that `target` take focus (read in the component's effect). */
  takeFocusRequest(target: string): boolean {
    if (this.focusRequest?.target !== target) return false;
    this.focusRequest = null;
    return true;
  }

  // ---- the inline label editor ----

  /** Opens the inline name field of `id`; `reveal: false` when it was just brought into view. */
  rename(id = this.selection[0], opts: { reveal?: boolean } = {}): void {
    if (!id || this.readOnly) return;
    const type = this.snapshot.elements.has(id)
      ? 'element'
      : this.snapshot.connections.has(id)
        ? 'connection'
        : null;
    if (!type) return;
    if (opts.reveal !== false) this.reveal(id);
    this.renaming = { id, type };
  }

  endRename(): void {
    this.renaming = null;
    this.focusMap();
  }

  // ---- edits, for the test hook (documented in test/support/app.ts); the UI runs commands ----

  addElement(kind: ElementKind = this.newKind, at?: Position): string | undefined {
    return addElement(this, kind, at);
  }

  commitRename(id: string, type: 'element' | 'connection', label: string): boolean {
    return commitRename(this, id, type, label);
  }

  connectElements(from: string, to: string, polarity?: Polarity): string | undefined {
    return connectElements(this, from, to, polarity);
  }

  deleteSelection(): void {
    deleteSelection(this);
  }

  // ---- view ----

  follow(clientId: number): void {
    this.following = clientId;
    this.session.setPresence({ follows: clientId }, true);
    const p = this.session.peers.find((x) => x.clientId === clientId);
    this.say(`Following ${p?.user.name ?? 'them'}: your view moves with theirs until you move.`);
  }

  stopFollowing(): void {
    if (this.following === null) return;
    const p = this.session.peers.find((x) => x.clientId === this.following);
    this.following = null;
    this.session.setPresence({ follows: null }, true);
    this.say(`Stopped following ${p?.user.name ?? ''}.`.replace(' .', '.'));
  }

  openQuickInput(req: QuickInputRequest): void {
    this.quickInput = req;
  }

  closeQuickInput(): void {
    this.quickInput = null;
  }
}
