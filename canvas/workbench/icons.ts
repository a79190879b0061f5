/** SVG path data (24x24) for workbench icons. */
export const ICONS = {
  outline: 'M4 5h16v2H4zm0 6h10v2H4zm0 6h13v2H4z',
  people:
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-7 1.7-7 4v2h14v-2c0-2.3-3.7-4-7-4zm8-2a3 3 0 1 0 0-6v6zm1 2h-1.2c1.4 1 2.2 2.3 2.2 4v2h4v-2c0-2-2.5-3.6-5-4z',
  activity: 'M3 12h4l3-8 4 16 3-8h4',
  layout:
    'M6 6m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0M18 8m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0M12 18m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0',
} as const;
