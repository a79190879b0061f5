import { FORMATS, type FormatId } from '../../../shared/interop/index';

/** File names for exports, and browser downloads. */

export type ImageFormat = 'png' | 'svg';
export type ExportChoice = FormatId | ImageFormat;

/** A file name base from the map's title: letters, digits and dashes only. */
export function fileBase(mapTitle: string): string {
  const base = mapTitle
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase();
  return base || 'weavemap-map';
}

const EXTENSION: Record<ExportChoice, string> = {
  weavemap: '.weavemap.json',
  'kumu-json': '.kumu.json',
  'kumu-csv': '.csv',
  'kumu-xlsx': '.xlsx',
  canvas: '.canvas',
  gexf: '.gexf',
  graphml: '.graphml',
  xmile: '.xmile',
  png: '.png',
  svg: '.svg',
};

/** `school-readiness.gexf`; CSV sheets as `school-readiness-elements.csv`. */
export function exportFileName(mapTitle: string, format: ExportChoice, part = ''): string {
  return `${fileBase(mapTitle)}${part ? `-${part}` : ''}${EXTENSION[format]}`;
}

/** Every format the Export dialog offers, data formats first. */
export const EXPORT_CHOICES: readonly { id: ExportChoice; name: string; hint: string }[] = [
  {
    id: 'weavemap',
    name: FORMATS.weavemap.name,
    hint: 'Everything, for a backup or another Weavemap.',
  },
  { id: 'kumu-json', name: FORMATS['kumu-json'].name, hint: 'Import into a Kumu project.' },
  {
    id: 'kumu-xlsx',
    name: FORMATS['kumu-xlsx'].name,
    hint: 'Kumu’s spreadsheet: Elements, Connections and Loops sheets.',
  },
  { id: 'kumu-csv', name: FORMATS['kumu-csv'].name, hint: 'One CSV file per sheet.' },
  { id: 'canvas', name: FORMATS.canvas.name, hint: 'Open in Obsidian; comes back without loss.' },
  { id: 'gexf', name: FORMATS.gexf.name, hint: 'Gephi.' },
  { id: 'graphml', name: FORMATS.graphml.name, hint: 'yEd, Cytoscape, NetworkX.' },
  {
    id: 'xmile',
    name: FORMATS.xmile.name,
    hint: 'System dynamics tools: the causal structure, stocks, flows and equations only.',
  },
  { id: 'png', name: 'PNG image', hint: 'A picture for slides and documents.' },
  { id: 'svg', name: 'SVG image', hint: 'A picture that scales: for print and editing.' },
];

/** Starts a download of `data` as `name` (a Blob behind an `<a download>`). */
export function download(name: string, data: Blob | string | Uint8Array, type: string): void {
  const blob =
    data instanceof Blob
      ? data
      : new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
