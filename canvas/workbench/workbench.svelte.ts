import { NewElementSettler } from './settle-new';
import type { ElementKind, Polarity, Position } from '../../shared/schema/types';
import { CELL_W, freeSpot } from '../../shared/session/placement';
import {
  addElement,
  connect,
  DomainError,
  moveElements,
  removeConnections,
  removeElements,
  transact,
  updateConnection,
  updateElement,
  writeNewConnection,
  writeNewElement,
} from '../../shared/domain/index';
import type { MapSession } from '../platform/map-session.svelte';
import type { ContextKeys } from '../platform/context-keys';
import { nearestInDirection, nearestTo, type Direction } from '../platform/navigation';
import {
  copySelection,
  parseClipboard,
  pasteRecords,
  payloadCenter,
  type ClipboardPayload,
} from '../platform/clipboard';
import type { MapRenderer } from '../editor/index';
import { contributedContextKeys, views } from './registry';

/** An item in the quick input (palette, quick open, pickers). */
export interface QuickItem {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly keyLabel?: string;
  readonly disabled?: boolean;
}

export interface QuickInputRequest {
  /** Accessible name of the dialog. */
  readonly title: string;
  readonly placeholder: string;
  readonly items: readonly QuickItem[];
  readonly emptyText: string;
  /** Searches `description` too (quick open searches kinds and tags). */
  readonly searchDescription?: boolean;
  readonly initialQuery?: string;
  accept(item: QuickItem): void;
}

const KIND_WORD: Record<ElementKind, string> = {
  factor: 'factor',
  actor: 'actor',
  intervention: 'intervention',
  note: 'note',
  group: 'frame',
};

export const NEW_LABEL: Record<ElementKind, string> = {
  factor: 'New factor',
  actor: 'New actor',
  intervention: 'New intervention',
  note: 'New note',
  group: 'New frame',
};

const CLIPBOARD_KEY = 'weavemap.clipboard';
const NUDGE = 10;

/**
 * The open map's workbench: view state (selection, focus, open parts, dialogs) and the
 * operations commands call. Every document write goes through shared/domain with the session's
 * edit context; a refused write leaves the map as it was and shows why.
 */
export class Workbench {
  readonly session: MapSession;

  selection = $state.raw<readonly string[]>([]);
  zoom = $state(1);
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
  /** Asks the People view to focus the name field. */
  editNameRequest = $state(0);

  renderer: MapRenderer | null = null;
  mapElement: HTMLElement | null = null;
  /** The room's fixed-height row for session UI (phase, timer, vote state): never over the map. */
  sessionSlot = $state<HTMLElement | null>(null);
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;

  readonly #settler: NewElementSettler;

  constructor(session: MapSession) {
    this.session = session;
    this.#settler = new NewElementSettler(session);
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

  select(ids: readonly string[], opts: { reveal?: boolean; fromRenderer?: boolean } = {}): void {
    const snap = this.snapshot;
    const kept = ids.filter((id) => snap.elements.has(id) || snap.connections.has(id));
    this.selection = kept;
    if (!opts.fromRenderer) this.renderer?.setSelection(kept);
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
    // Focus the view once it is drawn, so keyboard users land in it.
    queueMicrotask(() =>
      requestAnimationFrame(() => {
        const el = document.getElementById(`view-${id}`);
        const target = el?.querySelector<HTMLElement>('input, button, [tabindex="0"]') ?? el;
        target?.focus();
      }),
    );
  }

  // ---- editing ----

  /**
   * Where a new element goes: the first free spot right of the selection, else near the middle
   * of the view (started from a cell of this person's own, so two people adding at once after
   * "Bring everyone to me" land apart). The rule is `freeSpot` in shared/session/placement.ts.
   */
  placeForNew(): Position {
    const first = this.selection.map((id) => this.snapshot.elements.get(id)).find(Boolean);
    const taken = [...this.snapshot.elements.values()]
      .filter((e) => e.kind !== 'group')
      .map((e) => e.position);
    if (first) return freeSpot(taken, [first.position[0] + CELL_W, first.position[1]]);
    const v = this.renderer?.getViewport();
    const centre: Position = v
      ? [Math.round(v.rect.x + v.rect.width / 2), Math.round(v.rect.y + v.rect.height / 2)]
      : [0, 0];
    return freeSpot(taken, centre, this.session.user.id);
  }

  addElement(kind: ElementKind = this.newKind, at?: Position): string | undefined {
    const position = at ?? this.placeForNew();
    const id = this.write(() =>
      addElement(this.session.ctx, {
        kind,
        label: NEW_LABEL[kind],
        position: [Math.round(position[0]), Math.round(position[1])],
        ...(kind === 'actor' ? { actorType: 'person' as const } : {}),
      }),
    );
    this.session.stopCapturing();
    if (id) {
      this.#settler.added(id);
      this.select([id], { reveal: true });
      this.say(`Added a ${KIND_WORD[kind]}. Press Enter to name it.`);
    }
    return id;
  }

  rename(id = this.selection[0]): void {
    if (!id || this.readOnly) return;
    const type = this.snapshot.elements.has(id)
      ? 'element'
      : this.snapshot.connections.has(id)
        ? 'connection'
        : null;
    if (!type) return;
    this.reveal(id);
    this.renaming = { id, type };
  }

  commitRename(id: string, type: 'element' | 'connection', label: string): boolean {
    const ok = this.write(() => {
      if (type === 'element') updateElement(this.session.ctx, id, { label });
      else updateConnection(this.session.ctx, id, { label });
      return true;
    });
    this.session.stopCapturing();
    return ok === true;
  }

  endRename(): void {
    this.renaming = null;
    this.focusMap();
  }

  deleteSelection(): void {
    const snap = this.snapshot;
    const els = this.selection.filter((id) => snap.elements.has(id));
    const conns = this.selection.filter((id) => snap.connections.has(id));
    if (!els.length && !conns.length) return;
    this.write(() =>
      transact(this.session.ctx, () => {
        if (conns.length) removeConnections(this.session.ctx, conns);
        if (els.length) removeElements(this.session.ctx, els);
      }),
    );
    this.session.stopCapturing();
    this.select([]);
    this.say(
      `Deleted ${els.length + conns.length} item${els.length + conns.length === 1 ? '' : 's'}.`,
    );
  }

  /** Starts a keyboard connection from the selected element, or finishes one to it. */
  connectStep(polarity?: Polarity): void {
    const snap = this.snapshot;
    const selected = this.selection.filter((id) => snap.elements.has(id));
    if (this.connectFrom) {
      const to = selected[0];
      if (!to || to === this.connectFrom) {
        this.say('Pick another element with the arrow keys, then press C or Enter.');
        return;
      }
      this.connectElements(this.connectFrom, to, polarity);
      return;
    }
    if (selected.length === 2) {
      this.connectElements(selected[0]!, selected[1]!, polarity);
      return;
    }
    if (selected.length !== 1) {
      this.say('Select the element to connect from first.', 'error');
      return;
    }
    this.connectFrom = selected[0]!;
    this.say(
      `Connecting from “${this.labelOf(selected[0]!)}”: move to the target with the arrow keys and press C or Enter (Escape cancels).`,
    );
  }

  cancelConnect(): void {
    if (this.connectFrom) {
      this.connectFrom = null;
      this.say('Connection cancelled.');
    }
  }

  connectElements(from: string, to: string, polarity?: Polarity): string | undefined {
    const snap = this.snapshot;
    const a = snap.elements.get(from);
    const b = snap.elements.get(to);
    this.connectFrom = null;
    if (!a || !b) return undefined;
    const relationship = a.kind === 'actor' && b.kind === 'actor';
    const id = this.write(() =>
      connect(this.session.ctx, {
        from,
        to,
        kind: relationship ? 'relationship' : 'causal',
        ...(relationship ? {} : { polarity: polarity ?? '+' }),
      }),
    );
    this.session.stopCapturing();
    if (id) {
      this.select([id]);
      this.say(
        `Connected “${this.labelOf(from)}” to “${this.labelOf(to)}”${relationship ? ' (relationship)' : ` (${polarity ?? '+'})`}. Press + or - to set its polarity.`,
      );
    }
    return id;
  }

  /** Sets the polarity of the selected causal connections (or of the one being made). */
  setPolarity(p: Polarity): void {
    if (this.connectFrom) {
      this.connectStep(p);
      return;
    }
    const conns = this.selection.filter(
      (id) => this.snapshot.connections.get(id)?.kind === 'causal',
    );
    if (!conns.length) {
      this.say('Select a causal connection to set its polarity.', 'error');
      return;
    }
    this.write(() =>
      transact(this.session.ctx, () => {
        for (const id of conns) updateConnection(this.session.ctx, id, { polarity: p });
      }),
    );
    this.session.stopCapturing();
    this.say(`Polarity set to ${p === '+' ? '+ (same direction)' : '− (opposite direction)'}.`);
  }

  toggleDelay(): void {
    const conns = this.selection.filter(
      (id) => this.snapshot.connections.get(id)?.kind === 'causal',
    );
    if (!conns.length) return;
    const on = !this.snapshot.connections.get(conns[0]!)?.delay;
    this.write(() =>
      transact(this.session.ctx, () => {
        for (const id of conns) updateConnection(this.session.ctx, id, { delay: on });
      }),
    );
    this.session.stopCapturing();
  }

  togglePin(): void {
    const els = this.selection.filter((id) => this.snapshot.elements.has(id));
    if (!els.length) return;
    const on = !this.snapshot.elements.get(els[0]!)?.pinned;
    this.write(() =>
      transact(this.session.ctx, () => {
        for (const id of els) updateElement(this.session.ctx, id, { pinned: on });
      }),
    );
    this.session.stopCapturing();
    this.say(on ? 'Pinned: the tidy layout leaves it in place.' : 'Unpinned.');
  }

  /** Moves the selection to the nearest element in a direction (or starts at the middle). */
  moveSelection(dir: Direction): void {
    const snap = this.snapshot;
    const placed = [...snap.elements.values()].map((e) => {
      const g = this.renderer?.scene.elements.get(e.id);
      return { id: e.id, x: g?.cx ?? e.position[0], y: g?.cy ?? e.position[1] };
    });
    const currentId = this.selection.find((id) => snap.elements.has(id));
    const current = currentId ? placed.find((p) => p.id === currentId) : undefined;
    let next: string | null;
    if (!current) {
      const v = this.renderer?.getViewport();
      next = nearestTo(
        placed,
        v ? v.rect.x + v.rect.width / 2 : 0,
        v ? v.rect.y + v.rect.height / 2 : 0,
      );
    } else next = nearestInDirection(placed, current, dir);
    if (next) this.select([next], { reveal: true });
    else if (current) this.announcement = `Nothing further ${dir}.`;
  }

  nudge(dx: number, dy: number): void {
    const snap = this.snapshot;
    const moves: [string, Position][] = [];
    for (const id of this.selection) {
      const e = snap.elements.get(id);
      if (e && !e.pinned)
        moves.push([id, [e.position[0] + dx * NUDGE, e.position[1] + dy * NUDGE]]);
    }
    if (moves.length) this.write(() => moveElements(this.session.ctx, moves));
  }

  selectAll(): void {
    this.select([...this.snapshot.elements.keys()]);
  }

  // ---- clipboard ----

  copy(cut = false): void {
    const payload = copySelection(this.snapshot, this.selection, this.session.roomId);
    if (!payload) {
      this.say('Select elements to copy.', 'error');
      return;
    }
    const text = JSON.stringify(payload);
    try {
      localStorage.setItem(CLIPBOARD_KEY, text);
    } catch {
      // Too big for local storage: the system clipboard below still has it.
    }
    void navigator.clipboard?.writeText(text).catch(() => undefined);
    if (cut) this.deleteSelection();
    this.say(
      `${cut ? 'Cut' : 'Copied'} ${payload.elements.length} element${payload.elements.length === 1 ? '' : 's'} and ${payload.connections.length} connection${payload.connections.length === 1 ? '' : 's'}.`,
    );
  }

  async paste(text?: string): Promise<void> {
    let payload: ClipboardPayload | null = text ? parseClipboard(text) : null;
    if (!payload && !text) {
      const fromSystem = await navigator.clipboard?.readText().catch(() => '');
      payload = fromSystem ? parseClipboard(fromSystem) : null;
      if (!payload) payload = parseClipboard(localStorage.getItem(CLIPBOARD_KEY) ?? '');
    }
    if (!payload) {
      this.say('Nothing to paste: copy elements from a Weavemap map first.', 'error');
      return;
    }
    let offset: [number, number];
    if (payload.roomId === this.session.roomId) offset = [40, 40];
    else {
      const v = this.renderer?.getViewport();
      const [cx, cy] = payloadCenter(payload);
      offset = v
        ? [
            Math.round(v.rect.x + v.rect.width / 2 - cx),
            Math.round(v.rect.y + v.rect.height / 2 - cy),
          ]
        : [0, 0];
    }
    const records = pasteRecords(payload, offset);
    const ok = this.write(() =>
      transact(this.session.ctx, () => {
        for (const e of records.elements) writeNewElement(this.session.ctx, e);
        for (const c of records.connections) writeNewConnection(this.session.ctx, c);
        return true;
      }),
    );
    this.session.stopCapturing();
    if (ok) {
      this.select([...records.ids.values()]);
      this.say(
        `Pasted ${records.elements.length} element${records.elements.length === 1 ? '' : 's'}.`,
      );
    }
  }

  // ---- view ----

  follow(clientId: number): void {
    this.following = clientId;
    const p = this.session.peers.find((x) => x.clientId === clientId);
    this.say(`Following ${p?.user.name ?? 'them'}: your view moves with theirs until you move.`);
  }

  stopFollowing(): void {
    if (this.following === null) return;
    const p = this.session.peers.find((x) => x.clientId === this.following);
    this.following = null;
    this.say(`Stopped following ${p?.user.name ?? ''}.`.replace(' .', '.'));
  }

  zoomBy(factor: number): void {
    const r = this.renderer;
    if (!r) return;
    this.stopFollowing();
    r.zoomTo(r.getViewport().zoom * factor);
  }

  zoomToFit(): void {
    this.stopFollowing();
    this.renderer?.fitToContent(48, 250);
  }

  openQuickInput(req: QuickInputRequest): void {
    this.quickInput = req;
  }

  closeQuickInput(): void {
    this.quickInput = null;
  }
}
