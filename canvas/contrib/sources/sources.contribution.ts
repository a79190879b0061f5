import { registerCommand, registerView } from '../../workbench/registry';
import { connectClipper } from './connect-clipper';
import { downloadText } from '../../ui/download';
import { cslFileName, cslJsonText, CSL_JSON_TYPE } from './csl-export';
import SourcesView from './SourcesView.svelte';
import { registerSourceEditCommands } from './source-commands';

/** A book with a bookmark (24x24). */
const SOURCES_ICON = 'M6 3h12a1 1 0 0 1 1 1v17l-7-4-7 4V4a1 1 0 0 1 1-1zm1 2v12.6l5-2.9 5 2.9V5z';

/**
 * Evidence clipped from the web: the Sources view, "Export Sources as CSL-JSON" and "Connect the
 * Clipper" (hands this map to the Weavemap Clipper extension).
 */
export function registerSources(): void {
  registerView({
    id: 'sources',
    title: 'Sources',
    location: 'sidebar',
    order: 30,
    icon: SOURCES_ICON,
    component: SourcesView,
  });
  registerSourceEditCommands();
  registerCommand({
    id: 'sources.exportCsl',
    title: 'Export Sources as CSL-JSON',
    category: 'Sources',
    when: (c) => c.hasMap,
    run: (wb) => {
      const sources = [...wb.snapshot.sources.values()];
      if (sources.length === 0) {
        wb.say('This map has no sources to export yet.');
        return;
      }
      downloadText(cslFileName(wb.snapshot.meta.title), cslJsonText(sources), CSL_JSON_TYPE);
      wb.say(
        `Exported ${sources.length} source${sources.length === 1 ? '' : 's'} as CSL-JSON (Zotero: File › Import).`,
      );
    },
  });
  registerCommand({
    id: 'sources.connectClipper',
    title: 'Connect the Clipper',
    category: 'Sources',
    when: (c) => c.hasMap && !c.readOnly,
    run: async (wb) => {
      const answer = await connectClipper(window, {
        title: wb.snapshot.meta.title,
        userName: wb.session.user.name,
      });
      if (answer.ok)
        wb.say(
          `The Weavemap Clipper is connected to “${answer.title || wb.snapshot.meta.title || 'this map'}”: clips from your browser land here.`,
        );
      else wb.say(answer.error ?? 'The clipper could not connect.', 'error');
    },
  });
}
