import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportNative } from '../../../shared/interop/native';
import { REPORT_SECTIONS } from '../../../shared/report/html';
import { exampleSessionDoc, HOSTILE_LABEL } from '../../../shared/report/testing';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { exportSessionJson } from '../../../shared/session/layout';
import { runCli } from '../cli';
import { tempDir } from '../testing/host';
import type { CommandIO } from './types';

function capture(): CommandIO & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: {} };
}

function exportedExample(withSession: boolean): string {
  const { doc } = exampleSessionDoc();
  const file = join(tempDir(), 'school.weavemap.json');
  const native = exportNative(readSnapshot(doc));
  writeFileSync(
    file,
    JSON.stringify(withSession ? { ...native, session: exportSessionJson(doc) } : native),
  );
  return file;
}

describe('weavemap report', () => {
  it('writes the HTML report of an exported map, with its session', async () => {
    const file = exportedExample(true);
    const out = join(tempDir(), 'report.html');
    const io = capture();
    expect(await runCli(['report', file, '--out', out], io)).toBe(0);
    expect(io.errors.join()).toContain(`Wrote the HTML report to ${out}`);
    const html = readFileSync(out, 'utf8');
    for (const [id] of REPORT_SECTIONS) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('Pilot home visits with the Family Centre');
    expect(html).toContain('Trust between parents and schools drives everything');
    expect(html).toContain('Readiness spiral');
    expect(html).not.toContain(HOSTILE_LABEL);
  });

  it('writes Markdown by --format or by the file extension, or prints it', async () => {
    const file = exportedExample(false);
    const dir = tempDir();
    const io = capture();
    expect(await runCli(['report', file, '--out', join(dir, 'r.md')], io)).toBe(0);
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(md.startsWith('# School readiness')).toBe(true);
    expect(md).toContain('## Feedback loops');
    expect(md).toContain('_No actions were recorded._');
    const printed = capture();
    expect(await runCli(['report', file, '--format=md'], printed)).toBe(0);
    expect(printed.lines.join('\n')).toContain('## Who took part');
  });

  it('explains what is wrong and writes nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'never.html');
    let io = capture();
    expect(await runCli(['report'], io)).toBe(2);
    expect(io.errors.join()).toContain('Which map?');
    io = capture();
    expect(await runCli(['report', join(dir, 'missing.json'), '--out', out], io)).toBe(1);
    expect(io.errors.join()).toContain('No such file');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "weavemap", "version": 1, "elements": [{"id": "a"}]}');
    io = capture();
    expect(await runCli(['report', bad, '--out', out], io)).toBe(1);
    expect(io.errors.join()).toContain('elements[0]');
    writeFileSync(bad, 'not json');
    io = capture();
    expect(await runCli(['report', bad, '--out', out], io)).toBe(1);
    expect(io.errors.join()).toContain('not JSON');
    io = capture();
    expect(await runCli(['report', bad, '--format', 'pdf'], io)).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
