/**
 * Turns a capture plus what the user chose (map, attach-to, a new element, tags, note) into a
 * Clip, checked with the same validateClip the host runs, so a clip the host would refuse is
 * refused here, at once, with the same field errors.
 */
import { validateClip, type Clip } from '../../shared/clip/clip';
import type { ElementKind, FieldError } from '../../shared/schema/types';
import type { Capture } from './capture';

export interface ClipChoices {
  readonly roomId: string;
  readonly clippedBy: string;
  readonly note?: string;
  readonly tags?: readonly string[];
  readonly attachTo?: readonly string[];
  readonly newElement?: { readonly label: string; readonly kind: ElementKind };
  /** A corrected title (the popup lets the user fix a poor one). */
  readonly title?: string;
}

export type MadeClip = { ok: true; clip: Clip } | { ok: false; errors: FieldError[] };

/** Splits "a, b ,, c" into distinct tags. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim().replace(/\s+/g, ' '))
        .filter((t) => t !== ''),
    ),
  ];
}

/** A fresh random clip id (a UUID): the host writes each clip id once. */
export const newClipId = (): string => crypto.randomUUID();

export function makeClip(
  capture: Capture,
  choices: ClipChoices,
  clipId: string = newClipId(),
  now: number = Date.now(),
): MadeClip {
  const title = choices.title?.trim();
  const newElement =
    choices.newElement && choices.newElement.label.trim() !== ''
      ? { label: choices.newElement.label.trim(), kind: choices.newElement.kind }
      : undefined;
  const checked = validateClip({
    clipId,
    roomId: choices.roomId,
    kind: capture.kind,
    url: capture.url,
    metadata: { ...capture.metadata, ...(title ? { title } : {}) },
    ...(capture.quote ? { quote: capture.quote } : {}),
    note: choices.note ?? '',
    tags: [...(choices.tags ?? [])],
    ...(choices.attachTo && choices.attachTo.length > 0 ? { attachTo: [...choices.attachTo] } : {}),
    ...(newElement ? { newElement } : {}),
    clippedBy: choices.clippedBy.trim() === '' ? 'Weavemap Clipper' : choices.clippedBy.trim(),
    clippedAt: now,
  });
  return checked.ok ? { ok: true, clip: checked.clip } : { ok: false, errors: checked.errors };
}

/** A corrected copy of a refused clip (same id), checked again. */
export function correctClip(
  clip: Clip,
  fix: { title?: string; note?: string; tags?: readonly string[] },
): MadeClip {
  const checked = validateClip({
    ...clip,
    metadata: { ...clip.metadata, ...(fix.title !== undefined ? { title: fix.title.trim() } : {}) },
    ...(fix.note !== undefined ? { note: fix.note } : {}),
    ...(fix.tags !== undefined ? { tags: [...fix.tags] } : {}),
  });
  return checked.ok ? { ok: true, clip: checked.clip } : { ok: false, errors: checked.errors };
}
