/** Activity bar icons of the analysis views: SVG path data in a 24x24 box, filled. */
export const ANALYSIS_ICONS = {
  // Two arrows chasing each other round a circle: a feedback loop.
  loops:
    'M12 4a8 8 0 0 1 7.7 5.8l1.8-1 .5 5-4.3-2.6 1.8-1A6 6 0 0 0 6.3 9.8L4.4 9.1A8 8 0 0 1 12 4zm-7.5 6.4 4.3 2.6-1.8 1a6 6 0 0 0 11.2.2l1.9.7A8 8 0 0 1 4.3 15.2l-1.8 1-.5-5z',
  // A lever on a fulcrum.
  leverage: 'M2 17.5 21 8.6l.8 1.8-19 8.9zM9 16l3-6 3 6zM17 5h4v3h-4z',
  // Three nodes and their ties.
  network:
    'M6 3a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm12 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM11 15a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM8.7 7.1l6.4 1.1-.3 1.8-6.4-1.1zm-1.4 2.2 3.8 5.4-1.6 1.1-3.8-5.4zm9 1.1 1.6 1-3.6 4.4-1.5-1.2z',
  // Two rings drawn together: an introduction across clusters.
  weaving:
    'M2 12a7 7 0 1 0 14 0 7 7 0 1 0-14 0zm2 0a5 5 0 1 1 10 0 5 5 0 1 1-10 0zM8 12a7 7 0 1 0 14 0 7 7 0 1 0-14 0zm2 0a5 5 0 1 1 10 0 5 5 0 1 1-10 0z',
} as const;
