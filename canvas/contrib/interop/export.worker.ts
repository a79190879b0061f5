import { exportAny } from '../../../shared/interop/index';
import type { ExportReply, ExportRequest } from './protocol';
import { networkColumns } from './analysis-columns';
import { canvasTextMeasure } from './painter';
import { mapToSvg } from './svg-image';

/** Writes export files off the UI thread (a 10,000-element workbook takes a moment). */

const post = (m: ExportReply, transfer: Transferable[] = []): void =>
  self.postMessage(m, { transfer });

self.onmessage = async (e: MessageEvent<ExportRequest>) => {
  const { snapshot, format, analysis } = e.data;
  try {
    const t0 = performance.now();
    if (format === 'svg') {
      post({ type: 'progress', stage: 'Drawing the SVG…' });
      const options = e.data.svg;
      if (!options) throw new Error('No image options were given.');
      const img = mapToSvg(snapshot, { ...options, measure: canvasTextMeasure() });
      post({
        type: 'exported',
        files: [{ part: '', data: img.svg, mimeType: 'image/svg+xml' }],
        svg: {
          width: img.width,
          height: img.height,
          elements: img.elements,
          connections: img.connections,
        },
        ms: Math.round(performance.now() - t0),
      });
      return;
    }
    let columns;
    let analysisNote: string | undefined;
    if (analysis && (format === 'gexf' || format === 'graphml')) {
      post({ type: 'progress', stage: 'Measuring the network…' });
      const out = networkColumns(snapshot);
      columns = out.columns;
      analysisNote = out.note;
    }
    post({ type: 'progress', stage: 'Writing the file…' });
    const files = await exportAny(snapshot, format, columns ? { analysis: columns } : {});
    const transfer = files.flatMap((f) => (typeof f.data === 'string' ? [] : [f.data.buffer]));
    post(
      {
        type: 'exported',
        files,
        ...(analysisNote ? { analysisNote } : {}),
        ms: Math.round(performance.now() - t0),
      },
      transfer as Transferable[],
    );
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
