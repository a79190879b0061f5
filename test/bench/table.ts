/** One benchmark figure, printed side by side with its baseline measured in the same run. */
export interface BenchRow {
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: number;
  readonly baselineName?: string;
  readonly target?: string;
  readonly note?: string;
}

const fmt = (v: number | undefined, unit: string) =>
  v === undefined
    ? ''
    : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}`;

export function printTable(rows: readonly BenchRow[]): void {
  const head = ['group', 'measure', 'weavemap', 'baseline', 'target', 'note'];
  const body = rows.map((r) => [
    r.group,
    r.name,
    fmt(r.value, r.unit),
    r.baseline === undefined
      ? ''
      : `${fmt(r.baseline, r.unit)}${r.baselineName ? ` (${r.baselineName})` : ''}`,
    r.target ?? '',
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const b of body) console.log(line(b));
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}
