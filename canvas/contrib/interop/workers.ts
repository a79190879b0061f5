import type { ImportPreview } from '../../../shared/interop/index';
import type { MapSnapshot } from '../../../shared/schema/types';
import type { ExportReply, ExportRequest, ImportReply, ImportRequest } from './protocol';

/** Promise-shaped handles on the import and export workers. */

export type Parsed = Extract<ImportReply, { type: 'parsed' }>;
export type Exported = Extract<ExportReply, { type: 'exported' }>;

/** One import: a worker that reads the files, then answers merge previews until closed. */
export class ImportJob {
  readonly #worker: Worker;
  #waiting: { resolve: (m: ImportReply) => void; reject: (e: Error) => void } | null = null;

  constructor(onProgress: (stage: string, fraction?: number) => void) {
    this.#worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (e: MessageEvent<ImportReply>) => {
      const m = e.data;
      if (m.type === 'progress') onProgress(m.stage, m.fraction);
      else this.#settle(m);
    };
    this.#worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(new Error(e.message || 'The import worker stopped.'));
    };
  }

  #settle(m: ImportReply): void {
    const w = this.#waiting;
    this.#waiting = null;
    if (!w) return;
    if (m.type === 'error') w.reject(new Error(m.message));
    else w.resolve(m);
  }

  #fail(e: Error): void {
    const w = this.#waiting;
    this.#waiting = null;
    w?.reject(e);
  }

  #ask(req: ImportRequest): Promise<ImportReply> {
    this.#fail(new Error('Replaced by a newer request.'));
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#worker.postMessage(req);
    });
  }

  async parse(files: readonly File[]): Promise<Parsed> {
    const m = await this.#ask({ type: 'parse', files });
    if (m.type !== 'parsed') throw new Error('The import worker answered out of turn.');
    return m;
  }

  async mergePreview(existing: MapSnapshot): Promise<ImportPreview> {
    const m = await this.#ask({ type: 'preview', existing });
    if (m.type !== 'preview') throw new Error('The import worker answered out of turn.');
    return m.preview;
  }

  /** Stops the worker (a long parse stops with it). */
  close(): void {
    this.#fail(new Error('Cancelled.'));
    this.#worker.terminate();
  }
}

/** Writes one export in a worker of its own. */
export function exportInWorker(
  req: ExportRequest,
  onProgress: (stage: string) => void,
): { result: Promise<Exported>; cancel: () => void } {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  let cancel = () => undefined as void;
  const result = new Promise<Exported>((resolve, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new Error('Cancelled.'));
    };
    worker.onmessage = (e: MessageEvent<ExportReply>) => {
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.stage);
      worker.terminate();
      if (m.type === 'error') reject(new Error(m.message));
      else resolve(m);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(e.message || 'The export worker stopped.'));
    };
    worker.postMessage(req);
  });
  return { result, cancel };
}
