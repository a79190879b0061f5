import type { ServerResponse } from 'node:http';
import { applyClip, type AppliedClip } from '../../../shared/clip/apply';
import { validateClip } from '../../../shared/clip/clip';
import { DomainError } from '../../../shared/domain/context';
import { describeErrors } from '../../../shared/schema/validate';
import type { FieldError } from '../../../shared/schema/types';
import { readJson, sendJson } from '../http/json';
import type { Role } from '../rooms/store';
import { refuseWhileLocked } from './map-lock';
import { requireRoomRole } from './room-auth';
import type { RouteModule } from './services';

/**
 * The largest clip body. A clip at every cap (quote 8 KiB, note 20,000 characters, description
 * 5,000, 200 authors of 100, 50 tags of 100) is well under 256 KiB of UTF-8 JSON.
 */
export const MAX_CLIP_BYTES = 256 * 1024;

/** What `POST /api/rooms/:id/clips` answers: 201 the first time, 200 for a replayed clip id. */
export type ClipResponse = AppliedClip;

/** The body of a refused clip: `{error, fields: [names], errors: [{field, message}]}`. */
export interface ClipRefusal {
  error: string;
  fields: string[];
  errors: FieldError[];
}

function refuse(res: ServerResponse, status: number, errors: readonly FieldError[]): void {
  const body: ClipRefusal = {
    error: describeErrors(errors),
    fields: errors.map((e) => e.field),
    errors: [...errors],
  };
  sendJson(res, status, body);
}

/** A view link cannot add to a map: its 403 says what to do instead. */
const clipForbidden = (role: Role) =>
  role === 'view'
    ? 'A view link cannot add to this map: connect the clipper with an edit link.'
    : `The ${role} secret cannot do this.`;

/**
 * `POST /api/rooms/:id/clips` (Authorization: Bearer <edit or facilitator secret>): validates the
 * clip (400 with field errors), writes it into the room's document in one transaction through a
 * direct connection (origin `{clip: clipId}`), and answers 201 with the source it landed in.
 * Sending the same clip id again writes nothing and answers 200 with the same result. While the
 * map is locked only the facilitator secret may clip (423 Locked otherwise).
 */
export const clipRoutes: RouteModule = (router, services) => {
  const { rooms, withRoomDoc, limits } = services;
  const maxBytes = Math.min(limits.maxBodyBytes, MAX_CLIP_BYTES);

  router.post('/api/rooms/:id/clips', async ({ req, res, params }) => {
    const roomId = params.id ?? '';
    const role = await requireRoomRole(rooms, req, roomId, ['edit', 'facilitator'], clipForbidden);
    const body = await readJson(req, maxBytes);
    const checked = validateClip(body);
    if (!checked.ok) return refuse(res, 400, checked.errors);
    const clip = checked.clip;
    if (clip.roomId !== undefined && clip.roomId !== roomId)
      return refuse(res, 400, [
        { field: 'roomId', message: 'This clip was made for another map.' },
      ]);
    let result: AppliedClip;
    try {
      result = await withRoomDoc(roomId, (doc) => {
        refuseWhileLocked(doc, role, 'clips');
        return applyClip({ doc, origin: { clip: clip.clipId }, userId: clip.clippedBy }, clip);
      });
    } catch (error) {
      // The clip is well formed but this map cannot take it (say, the source is full of quotes).
      if (error instanceof DomainError) return refuse(res, 422, error.errors);
      throw error;
    }
    if (!result.replayed)
      services.log.info(`clip ${clip.clipId} -> room ${roomId} source ${result.sourceId}`);
    const response: ClipResponse = result;
    sendJson(res, result.replayed ? 200 : 201, response);
  });
};
