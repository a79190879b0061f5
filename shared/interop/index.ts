export * from './model';
export {
  applyImport,
  previewImport,
  type ApplyOptions,
  type ApplySummary,
  type ImportPreview,
} from './apply';
export { KEEPS, FEATURES, lostBy, type Feature } from './capabilities';
export { escapeCell, unescapeCell } from './cells';
export { convert, type ConvertResult } from './convert';
export { runConvert, CONVERT_USAGE, type ConvertIo } from './convert-cli';
export {
  detectFormat,
  exportAny,
  importAny,
  importNative,
  FORMATS,
  FormatError,
  type ExportedFile,
  type ExportOptions,
  type FormatId,
  type FormatInput,
} from './formats';
export { exportGexf, importGexf, type GexfOptions } from './gexf';
export { exportGraphml, importGraphml, type GraphmlOptions } from './graphml';
export type { AnalysisColumns } from './graph-attrs';
export {
  exportJsonCanvas,
  importJsonCanvas,
  serializeJsonCanvas,
  type JsonCanvas,
} from './json-canvas';
export { exportKumuCsv, importKumuCsv, guessCsvSheet, type KumuCsvFiles } from './kumu-csv';
export { exportKumuJson, importKumuJson, serializeKumuJson, type KumuBlueprint } from './kumu-json';
export { exportKumuXlsx, importKumuXlsx, MAX_XLSX_UNPACKED } from './kumu-xlsx';
export { applyNative, exportNative, parseNative, serializeNative } from './native';
export { assertSafeXml } from './xml';
