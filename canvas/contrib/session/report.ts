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
 */
export async function makeSessionReport(
  wb: Workbench,
  session: SessionSnapshot,
  stem: string,
): Promise<SessionReport> {
  const doc = wb.session.doc;
  const model = buildReport({ map: readSnapshot(doc), session, stories: readStories(doc) });
  const title = `The map ${model.title}`;
  // The map as the screen draws it (the image export's SVG, asked for by command); the plain
  // drawing when that is not there (the export feature left out).
  const drawn = await executeCommand('interop.reportMapSvg', { map: model.map, title }).catch(
    () => undefined,
  );
  const svg = typeof drawn === 'string' ? drawn : mapSvg(model.map, { title });
  const imageName = `${stem}-map.svg`;
  return {
    html: reportHtml(model, { svg }),
    markdown: reportMarkdown(model, { svg, imagePath: imageName }),
    svg,
    imageName,
  };
}
