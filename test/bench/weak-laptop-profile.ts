/**
 * Where the weak laptop's time goes: the weak-laptop bench's steps under the same CPU throttle,
 * with Chromium's sampling profiler on, printed as self time per function (and time per
 * top-level task kind). Load-independent guidance for the bench: the share of each function
 * stays put when the machine is busy, the milliseconds do not.
 *
 *   npx tsx test/bench/weak-laptop-profile.ts [typing|f|keys|enter|views|pan|all] [--throttle 4] [--out f]
 *
 * The canvas is built unminified (function names kept) into a temp dir, or into `--static dir`
 * once (`--rebuild` builds it again); the profile is written to `--out` (a `.cpuprofile`
 * DevTools opens) when given.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchHost } from '../support/bench-host';
import { buildCanvas, openExample, openViews, pan, throttleCpu, typeName } from './weak-laptop';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread time of the event, as Chromium records it. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/**
 * Self time per trace event name on the page's main thread (script, style, layout, paint...):
 * what the JavaScript profile cannot see, as the browser's rendering work. `wall` is elapsed
 * time; `cpu` is the thread time Chromium records (`tdur`). Measured here at 4×, `cpu` stayed
 * close to `wall` (the throttle's pauses count as the thread's time), so neither is a
 * load-independent figure: compare shares, or runs back to back.
 */
export function traceSelfTimes(
  events: readonly TraceEvent[],
): Map<string, { wall: number; cpu: number }> {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events
    .filter(
      (e) =>
        main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, { wall: number; cpu: number }>();
  const stack: { e: TraceEvent; end: number; children: number; childCpu: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.end <= until) {
      const top = stack.pop()!;
      const sum = self.get(top.e.name) ?? { wall: 0, cpu: 0 };
      sum.wall += ((top.e.dur ?? 0) - top.children) / 1000;
      sum.cpu += ((top.e.tdur ?? 0) - top.childCpu) / 1000;
      self.set(top.e.name, sum);
    }
  };
  for (const e of mine) {
    close(e.ts);
    const parent = stack.at(-1);
    if (parent) {
      parent.children += e.dur ?? 0;
      parent.childCpu += e.tdur ?? 0;
    }
    stack.push({ e, end: e.ts + (e.dur ?? 0), children: 0, childCpu: 0 });
  }
  close(Infinity);
  return self;
}

/** Self and total milliseconds per function (name and place). */
export function summarise(profile: Profile): { name: string; self: number; total: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').pop() ?? '';
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  return [...total.entries()].map(([name, t]) => ({ name, self: self.get(name) ?? 0, total: t }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const what = args.find((a) => !a.startsWith('--')) ?? 'all';
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const throttle = Number(flag('throttle') ?? 4);
  const out = flag('out');
  const prebuilt = flag('static');
  const dir = await mkdtemp(join(tmpdir(), 'weavemap-weak-profile-'));
  const staticDir = prebuilt ?? join(dir, 'canvas');
  if (!prebuilt || args.includes('--rebuild')) await buildCanvas(staticDir, false);
  const { host, browser } = await startBenchHost(dir, staticDir);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Map frames drawn (the renderer clears its canvas with a full-size fillRect at 0,0 first).
    await page.addInitScript({
      content: `
        window.__draws = [];
        const fillRect = CanvasRenderingContext2D.prototype.fillRect;
        CanvasRenderingContext2D.prototype.fillRect = function (x, y, w, h) {
          if (x === 0 && y === 0 && w * h > 40000) window.__draws.push(performance.now());
          return fillRect.call(this, x, y, w, h);
        };
      `,
    });
    await openExample(page, host.url);
    await throttleCpu(page, throttle);
    const tracing = args.includes('--trace');
    if (tracing)
      await browser.startTracing(page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'],
      });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const figures: Record<string, unknown> = {};
    if (what === 'typing' || what === 'all') figures.typing = await typeName(page);
    if (what === 'f') {
      // F alone: the new factor, its name field and the Inspector.
      await page.keyboard.press('Alt+Shift+M');
      await page.keyboard.press('f');
      await page.getByRole('textbox', { name: 'Rename factor' }).waitFor();
    }
    if (what === 'enter') {
      // Enter alone, on a name typed before the profile started: the label written.
      await cdp.send('Profiler.stop');
      await page.keyboard.press('Alt+Shift+M');
      await page.keyboard.press('f');
      await page.getByRole('textbox', { name: 'Rename factor' }).waitFor();
      await page.keyboard.type('Household savings');
      await new Promise((r) => setTimeout(r, 1500));
      await cdp.send('Profiler.start');
      await page.keyboard.press('Enter');
    }
    if (what === 'keys') {
      // The letters alone, typed into the name field F opened before the profile started.
      await cdp.send('Profiler.stop');
      await page.keyboard.press('Alt+Shift+M');
      await page.keyboard.press('f');
      await page.getByRole('textbox', { name: 'Rename factor' }).waitFor();
      await new Promise((r) => setTimeout(r, 1500));
      await cdp.send('Profiler.start');
      await page.keyboard.type('Household savings');
    }
    if (what === 'views' || what === 'all') figures.views = await openViews(page);
    if (what === 'pan' || what === 'all') figures.pan = await pan(page);
    // The paint after the last input.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    if (out) await writeFile(out, JSON.stringify(profile));
    if (tracing) {
      const trace = JSON.parse((await browser.stopTracing()).toString()) as {
        traceEvents: TraceEvent[];
      };
      const self = [...traceSelfTimes(trace.traceEvents)].sort((a, b) => b[1].cpu - a[1].cpu);
      const cpu = self.reduce((sum, [, t]) => sum + t.cpu, 0);
      console.log(`\nmain thread self ms by trace event (cpu: ${cpu.toFixed(0)} ms in all)`);
      console.log('    cpu     wall  event');
      for (const [name, t] of self.slice(0, 25))
        console.log(`${t.cpu.toFixed(0).padStart(7)}  ${t.wall.toFixed(0).padStart(7)}  ${name}`);
    }
    // Leaves out idle time and Playwright's own injected script (no file, a line number).
    const rows = summarise(profile).filter(
      (r) => !/^\((idle|program|root)\)/.test(r.name) && !/ :[1-9]\d*$/.test(r.name),
    );
    const busy = rows.reduce((s, r) => s + r.self, 0);
    console.log(JSON.stringify(figures));
    // Each interaction the browser timed (16 ms or more): what it was and how long it took.
    const events = await page.evaluate(
      () =>
        (
          window as unknown as {
            __events: { id: number; name: string; start: number; duration: number }[];
          }
        ).__events,
    );
    const draws = await page.evaluate(() => (window as unknown as { __draws: number[] }).__draws);
    const longest = new Map<number, { name: string; start: number; duration: number }>();
    for (const e of events)
      if ((longest.get(e.id)?.duration ?? 0) < e.duration) longest.set(e.id, e);
    const timed = [...longest.values()].sort((a, b) => a.start - b.start);
    // Each timed interaction, and how many map frames were drawn until the next one started.
    console.log(
      timed
        .map((e, i) => {
          const end = timed[i + 1]?.start ?? Infinity;
          const n = draws.filter((t) => t >= e.start && t < end).length;
          return `${e.name} ${e.duration} ms (${n} map frames)`;
        })
        .join(', '),
    );
    console.log(`${draws.length} map frames drawn in all`);
    console.log(`busy ${busy.toFixed(0)} ms (throttled ${throttle}×)`);
    console.log('\nself ms  share  function');
    for (const r of [...rows].sort((a, b) => b.self - a.self).slice(0, 40))
      console.log(
        `${r.self.toFixed(0).padStart(7)}  ${((r.self / busy) * 100).toFixed(1).padStart(5)}%  ${r.name}`,
      );
    console.log('\ntotal ms  share  function');
    for (const r of [...rows].sort((a, b) => b.total - a.total).slice(0, 60))
      console.log(
        `${r.total.toFixed(0).padStart(8)}  ${((r.total / busy) * 100).toFixed(1).padStart(5)}%  ${r.name}`,
      );
    await context.close();
  } finally {
    await browser.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
