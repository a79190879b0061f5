import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runConvert, type ConvertIo } from './convert-cli';
import { detectFormat } from './formats';

/** An in-memory file system, as the command line's callbacks would see one. */
function memoryIo(files: Record<string, string | Uint8Array>) {
  const fs = new Map<string, string | Uint8Array>(Object.entries(files));
  const out: string[] = [];
  const err: string[] = [];
  const io: ConvertIo = {
    readFile: async (p) => {
      const v = fs.get(p);
      if (v === undefined) throw new Error(`ENOENT ${p}`);
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
    writeFile: async (p, d) => {
      fs.set(p, d);
    },
    exists: async (p) => fs.has(p),
    print: (l) => out.push(l),
    error: (l) => err.push(l),
  };
  return { io, fs, out, err };
}

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/formats/${name}`, import.meta.url)));

describe('detectFormat', () => {
  it('tells formats by extension, takes an override, and names what it knows when it cannot', () => {
    expect(detectFormat('map.weavemap.json')).toBe('weavemap');
    expect(detectFormat('Map.JSON')).toBe('kumu-json');
    expect(detectFormat('a.canvas')).toBe('canvas');
    expect(detectFormat('a.xml', 'yed')).toBe('graphml');
    expect(() => detectFormat('a.xml')).toThrow(/Cannot tell the format of 'a\.xml'.*--format/);
    expect(() => detectFormat('a.gexf', 'dot')).toThrow(/Unknown format 'dot'/);
  });
});

describe('weavemap convert', () => {
  it('converts a Kumu blueprint to GEXF, then to Kumu CSV sheets, then back to JSON Canvas', async () => {
    const { io, fs, out, err } = memoryIo({ 'in/map.json': fixture('kumu-blueprint.json') });
    expect(await runConvert(['in/map.json', 'out/map.gexf'], io)).toBe(0);
    expect(out.at(-1)).toBe(
      'Wrote out/map.gexf: 6 elements, 5 connections, 1 named loops, 0 sources.',
    );
    expect(String(fs.get('out/map.gexf'))).toContain('<gexf xmlns="http://gexf.net/1.3"');

    expect(await runConvert(['in/map.json', 'out/map.csv'], io)).toBe(0);
    expect([...fs.keys()].filter((k) => k.endsWith('.csv')).sort()).toEqual([
      'out/map-connections.csv',
      'out/map-elements.csv',
      'out/map-loops.csv',
    ]);
    // One sheet named on the command line brings its siblings along.
    expect(await runConvert(['out/map-connections.csv', 'out/map.canvas'], io)).toBe(0);
    const canvas = JSON.parse(String(fs.get('out/map.canvas')));
    expect(canvas.nodes).toHaveLength(6);
    expect(canvas.edges).toHaveLength(5);
    expect(canvas.weavemap.loops[0].name).toBe('Trust and training');
    expect(err).toEqual([]);
  });

  it('refuses a hostile file and writes nothing (exit 1)', async () => {
    const { io, fs, err } = memoryIo({ 'x.graphml': fixture('xxe.graphml') });
    expect(await runConvert(['x.graphml', 'x.gexf'], io)).toBe(1);
    expect(fs.has('x.gexf')).toBe(false);
    expect(err[0]).toBe('x.graphml was not converted: nothing was written.');
    expect(err[1]).toMatch(/contains a DOCTYPE declaration/);
  });

  it('reports usage errors (exit 2): unknown format, missing file, same path, bad option', async () => {
    const { io, err } = memoryIo({ 'a.gexf': '<gexf/>' });
    expect(await runConvert(['a.gexf', 'b.dot'], io)).toBe(2);
    expect(err[0]).toMatch(/Cannot tell the format of 'b\.dot'/);
    expect(await runConvert(['nope.gexf', 'b.graphml'], io)).toBe(2);
    expect(err).toContain('No such file: nope.gexf');
    expect(await runConvert(['a.gexf', 'a.gexf'], io)).toBe(2);
    expect(await runConvert(['a.gexf', 'b.graphml', '--colour', 'red'], io)).toBe(2);
    expect(err).toContain('Unknown option --colour.');
  });

  it('takes --format for an input whose extension does not say', async () => {
    const { io, fs } = memoryIo({ 'export.xml': fixture('yed.graphml') });
    expect(await runConvert(['export.xml', 'out.weavemap.json', '--format', 'graphml'], io)).toBe(
      0,
    );
    const native = JSON.parse(String(fs.get('out.weavemap.json')));
    expect(native.format).toBe('weavemap');
    expect(native.elements.map((e: { label: string }) => e.label).sort()).toEqual([
      'Foot traffic',
      'Neighbourhood',
      'Parking',
    ]);
  });
});
