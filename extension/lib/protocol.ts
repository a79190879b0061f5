/**
 * Messages the popup, the options page and the connect content script send to the background,
 * and its replies. The background is the only writer of the outbox and the connected maps.
 */
import type { FieldError } from '../../shared/schema/types';
import type { Capture, CaptureRequest, CaptureResult } from './capture';
import type { ClipChoices } from './clip-factory';
import type { ConnectedMap } from './maps';
import type { ElementMatch } from './host-api';

export type ChoicesFromPopup = Omit<ClipChoices, 'roomId' | 'clippedBy'>;

export interface ConnectInput {
  readonly host: string;
  readonly roomId: string;
  readonly secret: string;
  readonly title?: string;
}

export type ClipperRequest =
  | { type: 'capture-tab'; tabId: number; request: CaptureRequest }
  | { type: 'clip'; capture: Capture; choices: ChoicesFromPopup; mapKey: string }
  | { type: 'connect-link'; link: string }
  | { type: 'connect-from-page'; roomId: string; secret: string; title?: string; userName?: string }
  | { type: 'forget'; key: string }
  | { type: 'set-default'; key: string }
  | { type: 'set-name'; name: string }
  | { type: 'retry'; clipId: string; fix?: { title?: string; note?: string; tags?: string[] } }
  | { type: 'discard'; clipId: string }
  | { type: 'retry-all' }
  | { type: 'search'; mapKey: string; q: string };

export interface ClipperReplies {
  'capture-tab': CaptureResult;
  clip: { clipId: string };
  'connect-link': ConnectedMap;
  'connect-from-page': ConnectedMap;
  forget: null;
  'set-default': null;
  'set-name': null;
  retry: null;
  discard: null;
  'retry-all': null;
  search: ElementMatch[];
}

export type Reply<T> =
  { ok: true; value: T } | { ok: false; error: string; errors?: readonly FieldError[] };

/** An error whose message is meant for the person using the clipper. */
export class ClipperError extends Error {
  constructor(
    message: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(message);
    this.name = 'ClipperError';
  }
}

export function isClipperRequest(v: unknown): v is ClipperRequest {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}
