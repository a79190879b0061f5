import { FORMATS, type FormatId } from '../../../shared/interop/index';
import { fileSlug } from '../../ui/slug';

/** File names for exports (downloads go through canvas/ui/download). */

export type ImageFormat = 'png' | 'svg';
export type ExportChoice = FormatId | ImageFormat;

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
  return `${fileSlug(mapTitle)}${part ? `-${part}` : ''}${EXTENSION[format]}`;
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
