import type { When } from '../../platform/context-keys';

/** The `when` conditions the workbench's commands share. */
export const editable: When = (c) => c.hasMap && !c.readOnly;
/** Single-key shortcuts work only while the map has focus (WCAG 2.1.4). */
export const onMap: When = (c) => c.mapFocus;
export const hasMap: When = (c) => c.hasMap;
export const oneElement: When = (c) => c.selectedElements === 1;
export const anySelected: When = (c) => c.selectedElements + c.selectedConnections > 0;
