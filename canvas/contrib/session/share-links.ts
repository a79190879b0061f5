import { buildRoomLink, parseRoomFragment } from '../../../shared/sync/links';
import { editSecretFromFacilitator } from '../../../shared/sync/password';
import type { Workbench } from '../../workbench/workbench.svelte';

export interface ShareLinks {
  readonly editLink?: string;
  readonly viewLink?: string;
}

/**
 * The links this person can hand out: the map's creator kept the edit and view links on this
 * device; a facilitator elsewhere can still derive the edit link from the facilitator secret;
 * a participant shares the edit link they hold.
 */
export async function shareLinks(wb: Workbench): Promise<ShareLinks> {
  const roomId = wb.session.roomId;
  let kept: ShareLinks = {};
  try {
    const raw = localStorage.getItem(`weavemap.links.${roomId}`);
    if (raw) {
      const v = JSON.parse(raw) as Record<string, unknown>;
      kept = {
        ...(typeof v.editLink === 'string' ? { editLink: v.editLink } : {}),
        ...(typeof v.viewLink === 'string' ? { viewLink: v.viewLink } : {}),
      };
    }
  } catch {
    // Unreadable storage: derive what can be derived below.
  }
  const here = parseRoomFragment(location.hash);
  if (!kept.editLink && here && here.roomId === roomId) {
    if (wb.session.role === 'edit') kept = { ...kept, editLink: location.href };
    else if (wb.session.role === 'facilitator')
      kept = {
        ...kept,
        editLink: buildRoomLink(
          location.origin,
          roomId,
          await editSecretFromFacilitator(here.secret),
        ),
      };
  }
  if (!kept.viewLink && here && wb.session.role === 'view')
    kept = { ...kept, viewLink: location.href };
  return kept;
}
