/**
 * Where the UI thread's time goes during a what-if (test/bench/simulation-ui.ts, with
 * SIM_PROFILE or SIM_TRACE): a CPU profile's self time per function, and a Chromium trace's long
 * main-thread tasks broken down by what they ran.
 */

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'blink',
  'cc',
  'gpu',
  'toplevel',
  'v8.execute',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

/**
 * From a Chromium trace: the renderer main thread's tasks over 50 ms, and what they were made of
 * (the time of each kind of event directly inside them, summed over all long tasks), on stderr.
 */
export function printLongTaskMakeup(buffer: Buffer): void {
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) return console.error('no renderer main thread in the trace');
  const ev = traceEvents
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts);
  const tasks = ev.filter((e) => e.name === 'RunTask' && e.dur! > 50_000);
  const makeup = new Map<string, number>();
  for (const t of tasks) {
    const end = t.ts + t.dur!;
    // Direct children: events inside the task not inside an earlier child.
    let until = t.ts;
    for (const e of ev) {
      if (e === t || e.ts < t.ts || e.ts >= end || e.ts < until) continue;
      until = e.ts + e.dur!;
      const what =
        e.name === 'FunctionCall' && e.args?.data?.functionName
          ? `FunctionCall ${e.args.data.functionName}`
          : e.name;
      makeup.set(what, (makeup.get(what) ?? 0) + e.dur! / 1000);
    }
  }
  console.error(
    `${tasks.length} UI-thread tasks over 50 ms (${tasks.map((t) => Math.round(t.dur! / 1000)).join(', ')} ms); made of:`,
  );
  for (const [k, ms] of [...makeup].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.error(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time per function over a CPU profile (the top 20), on stderr. */
export function printProfile(p: {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (p.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = (p.timeDeltas?.[i] ?? 0) / 1000;
    total += dt;
    const file = n.callFrame.url.split('/').pop() ?? '';
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.error(`UI-thread CPU profile over the run (${Math.round(total)} ms sampled), self time:`);
  for (const [k, ms] of top) console.error(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}
