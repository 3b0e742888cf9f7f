/**
 * Checks of a journey's graph that the schema cannot express: duplicate ids, a missing start, edges to nodes that
 * do not exist, nodes no path reaches, and cycles a run could go round without waiting (which would spin the
 * worker). Each problem names the node and edge at fault.
 */
import type { ErrorDetail } from '../errors.ts';
import {
  nodeEdges,
  WAITING_NODE_TYPES,
  type JourneyDefinition,
  type JourneyNode,
} from '../schema/journey.ts';

export function findGraphProblems(definition: JourneyDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const byId = new Map<string, JourneyNode>();
  definition.nodes.forEach((node, index) => {
    if (byId.has(node.id)) {
      problems.push({ path: `nodes[${index}].id`, message: `node id "${node.id}" is used twice` });
    }
    byId.set(node.id, node);
  });
  if (!byId.has(definition.start)) {
    problems.push({ path: 'start', message: `start node "${definition.start}" does not exist` });
  }
  definition.nodes.forEach((node, index) => {
    for (const { edge, target } of nodeEdges(node)) {
      if (!byId.has(target)) {
        problems.push({
          path: `nodes[${index}].${edge}`,
          message: `node "${node.id}" leads to "${target}", which does not exist (dangling edge)`,
        });
      }
    }
  });
  const reachable = reachableFrom(definition.start, byId);
  definition.nodes.forEach((node, index) => {
    if (!reachable.has(node.id)) {
      problems.push({
        path: `nodes[${index}]`,
        message: `node "${node.id}" is unreachable from the start node "${definition.start}"`,
      });
    }
  });
  for (const cycle of cyclesWithoutWait(byId)) {
    problems.push({
      path: `nodes[${definition.nodes.findIndex((node) => node.id === cycle[0])}]`,
      message: `the cycle ${[...cycle, cycle[0]].join(' → ')} has no delay or wait: a run would loop forever`,
    });
  }
  return problems;
}

function reachableFrom(start: string, byId: ReadonlyMap<string, JourneyNode>): Set<string> {
  const seen = new Set<string>();
  const pending = byId.has(start) ? [start] : [];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id);
    if (node) for (const { target } of nodeEdges(node)) if (byId.has(target)) pending.push(target);
  }
  return seen;
}

/**
 * Cycles among nodes that do not wait (a wait node breaks any cycle through it). Depth-first search with colours;
 * one cycle is reported per back edge found.
 */
function cyclesWithoutWait(byId: ReadonlyMap<string, JourneyNode>): string[][] {
  const cycles: string[][] = [];
  const colour = new Map<string, 'grey' | 'black'>();
  const path: string[] = [];
  const visit = (id: string): void => {
    colour.set(id, 'grey');
    path.push(id);
    const node = byId.get(id);
    if (node && !WAITING_NODE_TYPES.has(node.type)) {
      for (const { target } of nodeEdges(node)) {
        const targetNode = byId.get(target);
        if (!targetNode || WAITING_NODE_TYPES.has(targetNode.type)) continue;
        if (colour.get(target) === 'grey') cycles.push(path.slice(path.indexOf(target)));
        else if (!colour.has(target)) visit(target);
      }
    }
    path.pop();
    colour.set(id, 'black');
  };
  for (const id of byId.keys()) if (!colour.has(id)) visit(id);
  return cycles;
}
