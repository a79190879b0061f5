import { buildReport, reportHtml, reportMarkdown } from '../../../shared/report/index';
import { mapSvg } from '../../../shared/report/svg';
import { readSnapshot } from '../../../shared/schema/snapshot';
import type { SessionSnapshot } from '../../../shared/session/index';
import { readStories } from '../../../shared/story/story';
import type { Workbench } from '../../workbench/workbench.svelte';
import { executeCommand } from '../../workbench/registry';

export interface SessionReport {
  readonly html: string;
  /** Markdown that shows the map from `imageName`, a file beside it (no base64 inside). */
  readonly markdown: string;
  readonly svg: string;
  readonly imageName: string;
}

/**
 * The session report of the open map: the whole document (the report itself leaves out notes
 * still hidden by private mode), the session, and the analysis computed with the revealed votes.
 * The map is drawn as the screen draws it: the image export's SVG (light colours, with its
 * legend), asked for by command; the browser-free drawing when that feature is not there.
 */
export async function makeSessionReport(
  wb: Workbench,
  session: SessionSnapshot,
  stem: string,
): Promise<SessionReport> {
  const doc = wb.session.doc;
  const model = buildReport({ map: readSnapshot(doc), session, stories: readStories(doc) });
  const title = `The map ${model.title}`;
  const drawn = (await executeCommand('interop.mapSvg', {
    snapshot: model.map,
    title,
    legend: true,
  }).catch(() => undefined)) as { svg?: unknown } | undefined;
  const svg = typeof drawn?.svg === 'string' ? drawn.svg : mapSvg(model.map, { title });
  const imageName = `${stem}-map.svg`;
  return {
    html: reportHtml(model, { svg }),
    markdown: reportMarkdown(model, { svg, imagePath: imageName }),
    svg,
    imageName,
  };
}
