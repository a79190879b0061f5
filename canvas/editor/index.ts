/** The map editor's public surface: what the workbench imports. */
export { createMapRenderer } from './renderer';
export { frameDrop, type FrameDrop } from './frame-drop';
export { EditorState, type EditorStateChange } from './editor-state';
export type { MapRenderer, MapRendererOptions, Viewport } from './renderer';
export type { EditorIntents } from './interaction';
export type { Hit } from './hit-test';
export type { ElementEncodings } from './scene';
export type { LoopMarkerSpec, LoopMarkerAnchor } from './loop-markers';
export type { MapLegend } from './draw-marks';
export type { ConnectionPreview, RemoteCursor, FrameStats } from './draw';
export type { VoteDots } from './draw-votes';
export type { Point, Rect } from './geometry';
export { DARK_PALETTE, LIGHT_PALETTE, readPalette, cssVariableFor, type Palette } from './theme';
export { labelsLegible, legibleFromZoom } from './labels';
export {
  drawMapImage,
  fitPixelRatio,
  frameCssSize,
  mapBounds,
  renderToCanvas,
  sceneFor,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  type ImageFrame,
} from './export-image';
