import { buildReport, reportHtml, reportMarkdown } from '../../../shared/report/index';
import { mapSvg } from '../../../shared/report/svg';
import { readSnapshot } from '../../../shared/schema/snapshot';
import type { SessionSnapshot } from '../../../shared/session/index';
import { readStories } from '../../../shared/story/story';
import type { Workbench } from '../../workbench/workbench.svelte';

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
export function makeSessionReport(
  wb: Workbench,
  session: SessionSnapshot,
  stem: string,
): SessionReport {
  const doc = wb.session.doc;
  const model = buildReport({ map: readSnapshot(doc), session, stories: readStories(doc) });
  const svg = mapSvg(model.map, { title: `The map ${model.title}` });
  const imageName = `${stem}-map.svg`;
  return {
    html: reportHtml(model),
    markdown: reportMarkdown(model, { svg, imagePath: imageName }),
    svg,
    imageName,
  };
}
