import { useId } from 'react';
import type { JourneyDefinition } from '../../../src/schema/journey.ts';
import { describeJourneyNode, layOutJourney } from '../../../src/web-client/journey-layout.ts';
import { formatInteger } from '../format.ts';

const NODE_WIDTH = 220;
const NODE_HEIGHT = 70;
const GAP_X = 48;
const GAP_Y = 56;
const MARGIN = 24;
const BACK_EDGE_ROOM = 60;

export interface NodeCountsView {
  entered: number;
  waiting: number;
  exited: number;
  converted: number;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The journey as a top-to-bottom flow diagram (SVG), with per-node counts when a report is given. */
export function JourneyDiagram({
  definition,
  counts,
}: {
  definition: JourneyDefinition;
  counts?: ReadonlyMap<string, NodeCountsView>;
}) {
  const titleId = useId();
  const markerId = useId();
  const layout = layOutJourney(definition);
  const rowWidths = new Map<number, number>();
  for (const placed of layout.nodes) rowWidths.set(placed.row, (rowWidths.get(placed.row) ?? 0) + 1);
  const innerWidth = layout.columns * NODE_WIDTH + (layout.columns - 1) * GAP_X;
  const width = innerWidth + 2 * MARGIN + BACK_EDGE_ROOM;
  const height = layout.rows * NODE_HEIGHT + (layout.rows - 1) * GAP_Y + 2 * MARGIN;
  const position = new Map(
    layout.nodes.map((placed) => {
      const inRow = rowWidths.get(placed.row) ?? 1;
      const rowOffset = (innerWidth - (inRow * NODE_WIDTH + (inRow - 1) * GAP_X)) / 2;
      return [
        placed.node.id,
        {
          x: MARGIN + rowOffset + placed.column * (NODE_WIDTH + GAP_X),
          y: MARGIN + placed.row * (NODE_HEIGHT + GAP_Y),
        },
      ];
    }),
  );

  return (
    <figure className="chart journey-diagram">
      <figcaption id={titleId}>
        {definition.name}: {layout.nodes.length} steps from <code>{definition.start}</code>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        style={{ maxWidth: width }}
      >
        <defs>
          <marker
            id={markerId}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="arrow" />
          </marker>
        </defs>
        {layout.edges.map((edge, index) => {
          const from = position.get(edge.from);
          const to = position.get(edge.to);
          if (!from || !to) return null;
          const path = edge.isBack
            ? (() => {
                const startX = from.x + NODE_WIDTH;
                const startY = from.y + NODE_HEIGHT / 2;
                const endX = to.x + NODE_WIDTH;
                const endY = to.y + NODE_HEIGHT / 2;
                const bulge = Math.max(startX, endX) + BACK_EDGE_ROOM * 0.8;
                return `M ${startX} ${startY} C ${bulge} ${startY}, ${bulge} ${endY}, ${endX} ${endY}`;
              })()
            : `M ${from.x + NODE_WIDTH / 2} ${from.y + NODE_HEIGHT} L ${to.x + NODE_WIDTH / 2} ${to.y}`;
          const labelX = edge.isBack
            ? Math.max(from.x, to.x) + NODE_WIDTH + BACK_EDGE_ROOM * 0.5
            : (from.x + to.x + NODE_WIDTH) / 2;
          const labelY = edge.isBack ? (from.y + to.y + NODE_HEIGHT) / 2 : (from.y + NODE_HEIGHT + to.y) / 2;
          return (
            <g key={`${edge.from}-${edge.to}-${index}`}>
              <path d={path} className="edge" markerEnd={`url(#${markerId})`} />
              {edge.label && (
                <text x={labelX} y={labelY} className="edge-label" textAnchor="middle">
                  {edge.label}
                </text>
              )}
            </g>
          );
        })}
        {layout.nodes.map(({ node }) => {
          const at = position.get(node.id);
          if (!at) return null;
          const nodeCounts = counts?.get(node.id);
          return (
            <g key={node.id} transform={`translate(${at.x}, ${at.y})`} className={`node node-${node.type}`}>
              <title>{`${node.id} (${node.type}): ${describeJourneyNode(node)}`}</title>
              <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} />
              <text x={10} y={20} className="node-title">
                {truncate(node.label ?? node.id, 28)}
              </text>
              <text x={10} y={38} className="node-detail">
                {truncate(describeJourneyNode(node), 34)}
              </text>
              {nodeCounts && (
                <text x={10} y={58} className="node-counts" data-node-counts={node.id}>
                  {`in ${formatInteger(nodeCounts.entered)} · waiting ${formatInteger(nodeCounts.waiting)} · out ${formatInteger(nodeCounts.exited)}`}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
