import { select, zoom as d3zoom, zoomIdentity, type ZoomTransform } from 'd3';
import type { MapSnapshot } from '../../../shared/schema/types';

/**
 * The plain d3 + SVG way to draw a map, kept only as the benchmark's baseline: one <line> per
 * connection, one <circle> and one <text> per element, all inside a <g> that d3-zoom transforms.
 * No culling, no batching.
 */
export interface SvgBaseline {
  setTransform(t: { k: number; x: number; y: number }): void;
  fitToContent(padding?: number): void;
  destroy(): void;
}

export function createSvgBaseline(container: HTMLElement, snapshot: MapSnapshot): SvgBaseline {
  const width = container.clientWidth;
  const height = container.clientHeight;
  const svg = select(container)
    .append('svg')
    .attr('width', width)
    .attr('height', height)
    .style('display', 'block')
    .style('background', '#f8f7f4');
  const root = svg.append('g');
  const elements = [...snapshot.elements.values()];
  const pos = new Map(elements.map((e) => [e.id, e.position]));
  const connections = [...snapshot.connections.values()].filter(
    (c) => pos.has(c.from) && pos.has(c.to),
  );
  root
    .append('g')
    .attr('stroke', '#4a5563')
    .attr('stroke-width', 1.5)
    .selectAll('line')
    .data(connections)
    .join('line')
    .attr('x1', (c) => pos.get(c.from)![0])
    .attr('y1', (c) => pos.get(c.from)![1])
    .attr('x2', (c) => pos.get(c.to)![0])
    .attr('y2', (c) => pos.get(c.to)![1])
    .attr('stroke', (c) =>
      c.polarity === '-' ? '#cf222e' : c.polarity === '+' ? '#1a7f37' : '#9aa0a8',
    );
  root
    .append('g')
    .attr('stroke', '#5b6b7f')
    .selectAll('circle')
    .data(elements)
    .join('circle')
    .attr('cx', (e) => e.position[0])
    .attr('cy', (e) => e.position[1])
    .attr('r', (e) => (e.kind === 'group' ? 0 : 24))
    .attr('fill', (e) => e.color ?? (e.kind === 'actor' ? '#e6f0ff' : '#ffffff'));
  root
    .append('g')
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 13)
    .attr('text-anchor', 'middle')
    .attr('fill', '#1f2328')
    .selectAll('text')
    .data(elements)
    .join('text')
    .attr('x', (e) => e.position[0])
    .attr('y', (e) => e.position[1] + 40)
    .text((e) => e.label);
  const zoomBehavior = d3zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.02, 8])
    .on('zoom', (event: { transform: ZoomTransform }) => {
      root.attr('transform', event.transform.toString());
    });
  svg.call(zoomBehavior);
  return {
    setTransform(t) {
      svg.call(zoomBehavior.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
    },
    fitToContent(padding = 40) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const e of elements) {
        x0 = Math.min(x0, e.position[0]);
        y0 = Math.min(y0, e.position[1]);
        x1 = Math.max(x1, e.position[0]);
        y1 = Math.max(y1, e.position[1]);
      }
      if (x0 === Infinity) return;
      const k = Math.min(
        (width - 2 * padding) / Math.max(1, x1 - x0),
        (height - 2 * padding) / Math.max(1, y1 - y0),
        1,
      );
      this.setTransform({
        k,
        x: width / 2 - ((x0 + x1) / 2) * k,
        y: height / 2 - ((y0 + y1) / 2) * k,
      });
    },
    destroy() {
      svg.on('.zoom', null);
      svg.remove();
    },
  };
}
