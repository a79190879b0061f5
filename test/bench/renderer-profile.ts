/**
 * CPU profile of the renderer bench page: builds canvas/bench.html unminified, runs one canvas
 * pass (`PROFILE_N`, default 5000; `PROFILE_LABELS=off`; `PROFILE_FLUSH=1` rasterises each
 * frame inside the draw, so raster time shows as `getImageData`) under the Chrome DevTools Protocol
 * profiler and prints the self time per function (top 40) for first paint and for the pan/zoom.
 *
 *   npx tsx test/bench/renderer-profile.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildPage, serve } from './renderer';

const N = Number(process.env.PROFILE_N ?? 5000);
const LABELS = process.env.PROFILE_LABELS !== 'off';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(p: Profile, top = 40): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++)
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    total += us;
    const n = byId.get(id)!;
    const key = (m: Node): string =>
      `${m.callFrame.functionName || '(anon)'} ${m.callFrame.url.split('/').pop()}:${m.callFrame.lineNumber + 1}`;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + us);
    }
  }
  const rows = [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, top);
  const trows = [...totalBy].sort((a, b) => b[1] - a[1]).slice(0, top);
  const pct = (us: number): string => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  return [
    `total ${(total / 1000).toFixed(0)} ms`,
    '-- self --',
    ...rows.map(([k, us]) => `${pct(us)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`),
    '-- total (inclusive) --',
    ...trows.map(([k, us]) => `${pct(us)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`),
  ].join('\n');
}

const outDir = await mkdtemp(join(tmpdir(), 'weavemap-profile-'));
try {
  await buildPage(outDir, { minify: false });
  const server = await serve(outDir);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(
      `${base}/bench.html?renderer=canvas&n=${N}&duration=4000${LABELS ? '' : '&labels=off'}${process.env.PROFILE_FLUSH ? '&flush=1' : ''}`,
    );
    await page.waitForFunction(
      () => window.__benchResult !== undefined || window.__benchError !== undefined,
      null,
      { timeout: 180_000, polling: 250 },
    );
    const result = await page.evaluate(() => window.__benchResult ?? window.__benchError);
    console.log(JSON.stringify(result));
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    if (process.env.PROFILE_OUT) await writeFile(process.env.PROFILE_OUT, JSON.stringify(profile));
    console.log(summarise(profile));
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}
