/**
 * Places a journey's nodes for the flow diagram: a node's row is its distance (in steps) from the start, found
 * breadth-first, so the diagram reads top to bottom in the order runs move; nodes no path reaches go in a last row.
 * An edge to the same row or one above (a loop back, a late join) is marked `isBack` and drawn as a curve beside
 * the nodes, so it never runs through other boxes.
 */
import { nodeEdges, type JourneyDefinition, type JourneyNode } from '../schema/journey.ts';

export interface PlacedNode {
  node: JourneyNode;
  row: number;
  column: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** '' for a plain "next"; then / else / timeout / the variant's name otherwise. */
  label: string;
  isBack: boolean;
}

export interface JourneyLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  rows: number;
  columns: number;
}

function edgeLabel(node: JourneyNode, edge: string): string {
  if (edge === 'next') return '';
  if (edge === 'timeoutNext') return 'timeout';
  if (edge === 'then' || edge === 'else') return edge;
  const variant = /^variants\[(\d+)\]\.next$/.exec(edge);
  if (variant && node.type === 'split') return node.variants[Number(variant[1])]?.name ?? edge;
  return edge;
}

export function layOutJourney(definition: JourneyDefinition): JourneyLayout {
  const byId = new Map(definition.nodes.map((node) => [node.id, node]));
  const rowOf = new Map<string, number>([[definition.start, 0]]);
  const queue = [definition.start];
  for (let index = 0; index < queue.length; index += 1) {
    const id = queue[index] ?? '';
    const node = byId.get(id);
    if (!node) continue;
    for (const { target } of nodeEdges(node)) {
      if (rowOf.has(target) || !byId.has(target)) continue;
      rowOf.set(target, (rowOf.get(id) ?? 0) + 1);
      queue.push(target);
    }
  }
  const reachedRows = Math.max(0, ...rowOf.values()) + 1;
  const unreachable = definition.nodes.filter((node) => !rowOf.has(node.id));
  for (const node of unreachable) rowOf.set(node.id, reachedRows);

  const columnsUsed = new Map<number, number>();
  // Breadth-first order first, so siblings keep the order of their parent's edges; then the unreachable ones.
  const ordered = [...queue.filter((id) => byId.has(id)), ...unreachable.map((node) => node.id)];
  const nodes: PlacedNode[] = ordered.flatMap((id) => {
    const node = byId.get(id);
    if (!node) return [];
    const row = rowOf.get(id) ?? 0;
    const column = columnsUsed.get(row) ?? 0;
    columnsUsed.set(row, column + 1);
    return [{ node, row, column }];
  });

  const edges: PlacedEdge[] = definition.nodes.flatMap((node) =>
    nodeEdges(node)
      .filter(({ target }) => byId.has(target))
      .map(({ edge, target }) => ({
        from: node.id,
        to: target,
        label: edgeLabel(node, edge),
        isBack: (rowOf.get(target) ?? 0) <= (rowOf.get(node.id) ?? 0),
      })),
  );
  return {
    nodes,
    edges,
    rows: unreachable.length > 0 ? reachedRows + 1 : reachedRows,
    columns: Math.max(1, ...columnsUsed.values()),
  };
}

/** One line saying what a node does, for its box in the diagram. */
export function describeJourneyNode(node: JourneyNode): string {
  switch (node.type) {
    case 'delay':
      return `wait ${node.duration}`;
    case 'wait_until':
      return node.until.type === 'time_of_day'
        ? `wait until ${node.until.time} local`
        : `wait until ${node.until.trait} ${node.until.offset}`;
    case 'wait_for_event':
      return `wait for ${node.event} (max ${node.timeout})`;
    case 'branch':
      return typeof node.condition === 'string' ? `if ${node.condition}` : 'if (segment condition)';
    case 'split':
      return `split ${node.variants.map((variant) => `${variant.name} ${variant.weight}`).join(' / ')}`;
    case 'send':
      return `send ${node.channel} "${node.template}"`;
    case 'update_trait':
      return `set ${node.trait} = ${JSON.stringify(node.value)}`;
    case 'webhook':
      return `call ${new URL(node.url).host}`;
    case 'exit':
      return 'exit';
    default: {
      const unhandled: never = node;
      throw new Error(`unknown node ${JSON.stringify(unhandled)}`);
    }
  }
}
