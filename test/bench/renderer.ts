/**
 * Renderer benchmark: builds canvas/bench.html with Vite into a temporary folder, serves it on a
 * free 127.0.0.1 port, and drives headless Chromium through a scripted pan-and-zoom of seeded
 * maps of 1k, 5k and 10k elements (2 connections each) with the Canvas 2D renderer and with the
 * plain d3 SVG baseline. Rows: fps for each size (canvas vs svg) and first paint of a 5k map.
 *
 *   npx tsx test/bench/renderer.ts            # prints the table
 *   import { benchRenderer } from './renderer' # rows for test/bench/run.ts
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import type { BenchResult } from '../../canvas/editor/bench/bench-page';
import { printTable, type BenchRow } from './table';

const ROOT = resolve(import.meta.dirname, '../..');
const SIZES = (process.env.RENDERER_BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const DURATION_MS = 4000;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'bench.html' : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    stat(file).then(
      (s) => {
        if (!s.isFile()) throw new Error('not a file');
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Builds the bench page into `outDir`; `minify: false` keeps function names for profiles. */
export async function buildPage(outDir: string, opts: { minify?: boolean } = {}): Promise<void> {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      ...(opts.minify === false ? { minify: false } : {}),
      rolldownOptions: { input: join(ROOT, 'canvas/bench.html') },
    },
  });
}

async function measure(
  browser: Browser,
  base: string,
  renderer: 'canvas' | 'svg',
  n: number,
  labels = true,
): Promise<BenchResult> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  try {
    await page.goto(
      `${base}/bench.html?renderer=${renderer}&n=${n}&duration=${DURATION_MS}${labels ? '' : '&labels=off'}`,
    );
    await page.waitForFunction(
      () => window.__benchResult !== undefined || window.__benchError !== undefined,
      null,
      {
        timeout: 180_000,
        polling: 250,
      },
    );
    const error = await page.evaluate(() => window.__benchError);
    if (error) throw new Error(`bench page (${renderer}, ${n}): ${error}`);
    const result = await page.evaluate(() => window.__benchResult);
    if (!result) throw new Error(`bench page (${renderer}, ${n}) gave no result`);
    return result;
  } finally {
    await page.close();
  }
}

export async function benchRenderer(): Promise<BenchRow[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'weavemap-bench-'));
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    await buildPage(outDir);
    server = await serve(outDir);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const rows: BenchRow[] = [];
    const results = new Map<string, BenchResult>();
    for (const n of SIZES) {
      for (const r of ['canvas', 'svg'] as const) {
        const res = await measure(browser, base, r, n);
        results.set(`${r}${n}`, res);
        process.stderr.write(
          `renderer ${r} n=${n}: ${res.fps.toFixed(1)} fps, p95 frame ${res.p95FrameMs.toFixed(0)} ms, first paint ${res.firstPaintMs.toFixed(0)} ms${res.meanDrawMs !== undefined ? `, draw ${res.meanDrawMs.toFixed(1)} ms` : ''}; slowest ${res.slowest.map((f) => `${f.ms.toFixed(0)}@k${f.k.toFixed(2)}`).join(' ')}\n`,
        );
      }
      // The same run with labels off: what the semantic-zoom labels cost.
      const off = await measure(browser, base, 'canvas', n, false);
      process.stderr.write(`renderer canvas, labels off, n=${n}: ${off.fps.toFixed(1)} fps\n`);
      const c = results.get(`canvas${n}`)!;
      const s = results.get(`svg${n}`)!;
      rows.push({
        group: 'renderer',
        name: `pan+zoom fps, ${n / 1000}k elements, labels off`,
        value: off.fps,
        unit: 'fps',
        baseline: c.fps,
        baselineName: 'labels on',
        note: `p95 frame ${off.p95FrameMs.toFixed(0)} ms${off.meanDrawMs !== undefined ? `, draw ${off.meanDrawMs.toFixed(1)} ms` : ''}`,
      });
      rows.push({
        group: 'renderer',
        name: `pan+zoom fps, ${n / 1000}k elements`,
        value: c.fps,
        unit: 'fps',
        baseline: s.fps,
        baselineName: 'd3 SVG',
        ...(n === 5000
          ? { target: '≥ 30 fps, ≥ 2x SVG' }
          : n === 10000
            ? { target: '≥ 20 fps' }
            : {}),
        note: `p95 frame ${c.p95FrameMs.toFixed(0)} ms${c.meanDrawMs !== undefined ? `, draw ${c.meanDrawMs.toFixed(1)} ms` : ''}; ${(c.fps / s.fps).toFixed(1)}x SVG`,
      });
    }
    const c5 = results.get('canvas5000')!;
    const s5 = results.get('svg5000')!;
    rows.push({
      group: 'renderer',
      name: 'first paint, 5k elements',
      value: c5.firstPaintMs,
      unit: 'ms',
      baseline: s5.firstPaintMs,
      baselineName: 'd3 SVG',
      target: '≤ 1000 ms',
      note: `map generation ${c5.generateMs.toFixed(0)} ms not included`,
    });
    return rows;
  } finally {
    await browser?.close();
    if (server) await new Promise((ok) => server!.close(ok));
    await rm(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const rows = await benchRenderer();
  printTable(rows);
}
