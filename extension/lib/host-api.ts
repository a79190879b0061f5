/**
 * The clipper's calls to a Weavemap host. The extension is not a peer of the map (an MV3 service
 * worker cannot hold WebRTC connections), so everything goes through the host's HTTP API with the
 * map's secret as a bearer token.
 */
import type { Clip } from '../../shared/clip/clip';
import type { FieldError } from '../../shared/schema/types';
import { parseRetryAfter } from './backoff';

export interface MapAddress {
  readonly host: string;
  readonly roomId: string;
  readonly secret: string;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What the host said to a clip. */
export type SendOutcome =
  | {
      readonly kind: 'delivered';
      readonly status: number;
      readonly sourceId: string;
      readonly created: boolean;
    }
  /** Try again later: no answer, a timeout, 408/423 (map locked)/425/429 or a 5xx. */
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  /** The host refused this clip (a 4xx): keep it, show the reason, let the user fix or discard it. */
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly reason: string;
      readonly errors: readonly FieldError[];
    };

const api = (map: Pick<MapAddress, 'host' | 'roomId'>, path = ''): string =>
  `${map.host}/api/rooms/${encodeURIComponent(map.roomId)}${path}`;

// 423: the facilitator has locked the map for now; the clip goes in once it is unlocked.
const RETRYABLE = new Set([408, 423, 425, 429]);
export const SEND_TIMEOUT_MS = 20_000;

async function jsonBody(res: Response): Promise<Record<string, unknown> | undefined> {
  try {
    const v: unknown = await res.json();
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function fieldErrors(body: Record<string, unknown> | undefined): FieldError[] {
  const list = body?.errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (e): e is FieldError =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as FieldError).field === 'string' &&
        typeof (e as FieldError).message === 'string',
    )
    .map((e) => ({ field: e.field.slice(0, 200), message: e.message.slice(0, 1_000) }));
}

const reasonOf = (body: Record<string, unknown> | undefined, status: number): string =>
  typeof body?.error === 'string' && body.error.trim() !== ''
    ? body.error.slice(0, 2_000)
    : `The host answered ${status}.`;

/** POSTs a clip. Never throws: every failure is classified as retry or refused. */
export async function postClip(
  fetchFn: FetchLike,
  map: MapAddress,
  clip: Clip,
  now: number = Date.now(),
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetchFn(api(map, '/clips'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${map.secret}` },
      body: JSON.stringify(clip),
      signal: AbortSignal.timeout(timeoutMs),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      kind: 'retry',
      reason: timedOut
        ? `The host did not answer within ${Math.round(timeoutMs / 1000)} s.`
        : `Cannot reach ${map.host} (offline, or the host is down).`,
    };
  }
  const body = await jsonBody(res);
  if (res.status === 200 || res.status === 201) {
    // Anything else answering 2xx (a captive portal, a proxy page) has not stored the clip.
    if (typeof body?.sourceId !== 'string')
      return { kind: 'retry', reason: `${map.host} answered, but not as a Weavemap host.` };
    return {
      kind: 'delivered',
      status: res.status,
      sourceId: body.sourceId,
      created: body.created === true,
    };
  }
  if (res.status >= 500 || RETRYABLE.has(res.status)) {
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'), now);
    return {
      kind: 'retry',
      reason: reasonOf(body, res.status),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  return {
    kind: 'refused',
    status: res.status,
    reason: reasonOf(body, res.status),
    errors: fieldErrors(body),
  };
}

/** Thrown by checkRoom and searchElements, with a message for the person connecting. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** Asks the host which map a secret opens, and what it may do there. */
export async function checkRoom(
  fetchFn: FetchLike,
  map: MapAddress,
): Promise<{ title: string; role: 'view' | 'edit' | 'facilitator' }> {
  let res: Response;
  try {
    res = await fetchFn(api(map), {
      headers: { Authorization: `Bearer ${map.secret}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new HostError(`Cannot reach ${map.host}: is the Weavemap host running?`);
  }
  const body = await jsonBody(res);
  if (res.status === 404) throw new HostError('This map does not exist on that host.', 404);
  if (res.status === 401)
    throw new HostError('The link’s secret is not valid for this map (was it copied whole?).', 401);
  if (!res.ok) throw new HostError(reasonOf(body, res.status), res.status);
  const role = body?.role;
  if (role !== 'view' && role !== 'edit' && role !== 'facilitator')
    throw new HostError(`${map.host} did not answer as a Weavemap host.`);
  return { title: typeof body?.title === 'string' ? body.title.slice(0, 500) : '', role };
}

export interface ElementMatch {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
}

/** Elements of the map whose label matches `query`, for "attach to". */
export async function searchElements(
  fetchFn: FetchLike,
  map: MapAddress,
  query: string,
): Promise<ElementMatch[]> {
  let res: Response;
  try {
    res = await fetchFn(`${api(map, '/elements')}?q=${encodeURIComponent(query.slice(0, 200))}`, {
      headers: { Authorization: `Bearer ${map.secret}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new HostError(`Cannot reach ${map.host} to search the map (offline?).`);
  }
  const body = await jsonBody(res);
  if (!res.ok) throw new HostError(reasonOf(body, res.status), res.status);
  const list = Array.isArray(body?.elements) ? body.elements : [];
  return list
    .filter(
      (e): e is ElementMatch =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as ElementMatch).id === 'string' &&
        typeof (e as ElementMatch).label === 'string',
    )
    .map((e) => ({ id: e.id, label: e.label, kind: typeof e.kind === 'string' ? e.kind : 'note' }));
}
