import { mount, unmount } from 'svelte';
import type { MapSnapshot } from '../../../shared/schema/types';
import type { Rect } from '../../editor/geometry';
import { LIGHT_PALETTE } from '../../editor/theme';
import { onMapOpened, registerCommand, registerToolbarItem } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';
import { fillNewMap } from './apply-import';
import type { ExportChoice } from './files';
import ExportDialog from './ExportDialog.svelte';
import ImportDialog from './ImportDialog.svelte';
import { canvasTextMeasure } from './painter';
import { mapToSvg } from './svg-image';

/**
 * Open formats in the workbench: "Import…" (also by dropping files on the map), "Export…" and
 * "Export Image…". Parsing and file writing run in workers; applying an import is one
 * transaction, one undo step.
 */

let open: { close: () => void } | null = null;

function show(
  component: typeof ImportDialog | typeof ExportDialog,
  props: Record<string, unknown>,
): void {
  open?.close();
  const restore = document.activeElement as HTMLElement | null;
  let instance: ReturnType<typeof mount> | null = null;
  const close = () => {
    if (!instance) return;
    const i = instance;
    instance = null;
    if (open?.close === close) open = null;
    void unmount(i);
    if (restore?.isConnected) restore.focus({ preventScroll: true });
  };
  instance = mount(component as typeof ImportDialog, {
    target: document.body,
    props: { ...props, onclose: close } as never,
  });
  open = { close };
}

export function openImport(wb: Workbench, files: File[]): void {
  show(ImportDialog, { wb, files });
}

export function openExport(wb: Workbench, initial?: ExportChoice): void {
  show(ExportDialog, { wb, ...(initial ? { initial } : {}) });
}

/** Asks for files with the browser's picker, then opens the Import dialog. */
function pickFiles(wb: Workbench): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.accept = '.json,.csv,.tsv,.txt,.xlsx,.canvas,.gexf,.graphml';
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    if (files.length) openImport(wb, files);
  });
  input.click();
}

const hasFiles = (e: DragEvent): boolean =>
  !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

/** Dropping files anywhere on the open map starts an import (and never navigates away). */
function acceptDrops(wb: Workbench): () => void {
  let hint: HTMLElement | null = null;
  let hideTimer: ReturnType<typeof setTimeout> | null = null;
  const hide = () => {
    hint?.remove();
    hint = null;
  };
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    if (!hint) {
      hint = document.createElement('div');
      hint.className = 'wm-drop-hint';
      hint.setAttribute('role', 'status');
      hint.textContent = 'Drop to import into Weavemap';
      Object.assign(hint.style, {
        position: 'fixed',
        inset: '12px',
        border: '3px dashed var(--wm-accent)',
        borderRadius: '12px',
        display: 'grid',
        placeItems: 'center',
        fontSize: '20px',
        color: 'var(--wm-accent)',
        background: 'color-mix(in srgb, var(--wm-bg) 70%, transparent)',
        pointerEvents: 'none',
        zIndex: '40',
      });
      document.body.append(hint);
    }
    // dragover repeats while the pointer is over the page: hide the hint once it stops.
    if (hideTimer) clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    hide();
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) openImport(wb, files);
  };
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  return () => {
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
    if (hideTimer) clearTimeout(hideTimer);
    hide();
    open?.close();
  };
}

/** What `interop.mapSvg` takes (see `SvgImageOptions`); it returns an `SvgImage`. */
export interface MapSvgRequest {
  readonly snapshot: MapSnapshot;
  readonly rect?: Rect;
  readonly zoom?: number;
  readonly title?: string;
  readonly fill?: ReadonlyMap<string, string>;
  readonly highlight?: ReadonlySet<string> | null;
  readonly legend?: boolean;
  readonly idPrefix?: string;
}

export function registerInterop(): void {
  onMapOpened(fillNewMap);
  onMapOpened(acceptDrops);
  registerCommand({
    id: 'interop.import',
    title: 'Import…',
    category: 'File',
    keybinding: 'mod+o',
    keybindingInInputs: true,
    when: (c) => c.hasMap,
    run: (wb, args) => {
      const files = Array.isArray(args) ? (args as unknown[]).filter((f) => f instanceof File) : [];
      if (files.length) openImport(wb, files);
      else pickFiles(wb);
    },
  });
  registerCommand({
    id: 'interop.export',
    title: 'Export…',
    category: 'File',
    keybinding: 'mod+shift+s',
    keybindingInInputs: true,
    when: (c) => c.hasMap,
    run: (wb) => openExport(wb),
  });
  registerCommand({
    id: 'interop.exportImage',
    title: 'Export Image (PNG, SVG)…',
    category: 'File',
    when: (c) => c.hasMap,
    run: (wb) => openExport(wb, 'png'),
  });
  registerCommand({
    id: 'interop.mapSvg',
    title: 'Draw the Map as SVG',
    category: 'File',
    hidden: true,
    when: (c) => c.hasMap,
    // For other features (a story's steps, the session report's map): the map export's SVG
    // drawing, light colours.
    run: (_wb, args) => {
      const a = (args ?? {}) as Partial<MapSvgRequest>;
      if (!a.snapshot) throw new Error('interop.mapSvg needs a snapshot.');
      // Text widths by font (canvasMeasure measures labels at one font only).
      const measure = canvasTextMeasure();
      return mapToSvg(a.snapshot, {
        palette: LIGHT_PALETTE,
        ...(a.rect ? { rect: a.rect } : {}),
        ...(a.zoom ? { zoom: a.zoom } : {}),
        ...(a.title ? { title: a.title } : {}),
        ...(a.idPrefix ? { idPrefix: a.idPrefix } : {}),
        ...(a.fill ? { fill: a.fill } : {}),
        ...(a.highlight ? { highlight: a.highlight } : {}),
        measure,
        legend: a.legend ?? false,
      });
    },
  });
  registerToolbarItem({ command: 'interop.import', label: 'Import', order: 30 });
  registerToolbarItem({ command: 'interop.export', label: 'Export', order: 31 });
}
