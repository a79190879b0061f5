import { previewImport, type ImportedMap } from '../../../shared/interop/index';
import type { ImportReply, ImportRequest } from './protocol';
import { readImportFiles } from './read-files';
import { placeUnpositioned } from './place-imported';

/**
 * Import off the UI thread: reads the files (sizes checked first), tells the format, parses,
 * checks every row and previews. Keeps the parsed map for the merge preview the dialog asks for.
 */

let parsed: ImportedMap | null = null;

const post = (m: ImportReply): void => self.postMessage(m);

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const msg = e.data;
  try {
    if (msg.type === 'parse') {
      const t0 = performance.now();
      parsed = null;
      const out = await readImportFiles(msg.files, (stage, fraction) =>
        post({ type: 'progress', stage, ...(fraction !== undefined ? { fraction } : {}) }),
      );
      let preview;
      let positions;
      if (out.result.ok) {
        post({ type: 'progress', stage: 'Counting what will come in…' });
        parsed = out.result.map;
        preview = previewImport(out.result.map);
        if (out.result.map.elements.some((el) => !el.position)) {
          post({ type: 'progress', stage: 'Laying out elements the file gave no place…' });
          positions = placeUnpositioned(out.result.map);
        }
      }
      post({
        type: 'parsed',
        ...(out.format ? { format: out.format } : {}),
        ...(out.formatName ? { formatName: out.formatName } : {}),
        result: out.result,
        ...(preview ? { preview } : {}),
        ...(positions ? { positions } : {}),
        ms: Math.round(performance.now() - t0),
      });
    } else if (msg.type === 'preview') {
      if (!parsed) throw new Error('No file has been read yet.');
      post({ type: 'preview', preview: previewImport(parsed, msg.existing) });
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
