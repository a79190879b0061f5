import { buildReport, reportHtml, reportMarkdown } from '../../../shared/report/index';
import { readSnapshot } from '../../../shared/schema/snapshot';
import type { SessionSnapshot } from '../../../shared/session/index';
import type { Workbench } from '../../workbench/workbench.svelte';

export interface SessionReport {
  readonly html: string;
  readonly markdown: string;
}

/**
 * The session report of the open map: the whole document (the report itself leaves out notes
 * still hidden by private mode), the session, and the analysis computed with the revealed votes.
 */
export function makeSessionReport(wb: Workbench, session: SessionSnapshot): SessionReport {
  const model = buildReport({ map: readSnapshot(wb.session.doc), session });
  return { html: reportHtml(model), markdown: reportMarkdown(model) };
}
