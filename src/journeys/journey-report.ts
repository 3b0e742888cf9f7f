/**
 * A journey's numbers per node: entered (steps that arrived at the node), waiting (live runs at it), exited (runs
 * that ended at it: completed, exited by a criterion, cancelled) and converted (runs that converted while at it).
 */
import type { SqlExecutor } from '../store/store.ts';
import { loadJourneyVersion, requireJourney, type Journey } from './journey-store.ts';
import type { JourneyDefinition } from '../schema/journey.ts';

export interface NodeCounts {
  nodeId: string;
  type: string;
  entered: number;
  waiting: number;
  exited: number;
  converted: number;
}

export interface JourneyReport {
  journey: Journey;
  definition: JourneyDefinition;
  runs: {
    total: number;
    live: number;
    completed: number;
    exited: number;
    converted: number;
    cancelled: number;
    holdout: number;
  };
  nodes: NodeCounts[];
}

export async function reportJourney(executor: SqlExecutor, idOrName: string): Promise<JourneyReport> {
  const journey = await requireJourney(executor, idOrName);
  const definition = await loadJourneyVersion(executor, journey.id, journey.currentVersion);
  // Arrivals are the steps whose id has no resume suffix (`node#visit`).
  const entered = await executor.query<{ node_id: string; entered: number }>(
    `select node_id, count(*) as entered from journey_steps
      where journey_id = $1 and step_id not like '%/%' group by node_id`,
    [journey.id],
  );
  const byStatus = await executor.query<{ node_id: string; status: string; runs: number }>(
    'select node_id, status, count(*) as runs from journey_runs where journey_id = $1 group by node_id, status',
    [journey.id],
  );
  const counts = new Map<string, NodeCounts>();
  const countsOf = (nodeId: string): NodeCounts => {
    let row = counts.get(nodeId);
    if (!row) {
      const type = definition.nodes.find((node) => node.id === nodeId)?.type ?? 'unknown (older version)';
      row = { nodeId, type, entered: 0, waiting: 0, exited: 0, converted: 0 };
      counts.set(nodeId, row);
    }
    return row;
  };
  for (const node of definition.nodes) countsOf(node.id);
  for (const row of entered) countsOf(row.node_id).entered += Number(row.entered);
  const runs = { total: 0, live: 0, completed: 0, exited: 0, converted: 0, cancelled: 0, holdout: 0 };
  for (const row of byStatus) {
    const n = Number(row.runs);
    runs.total += n;
    if (row.status === 'holdout') {
      runs.holdout += n;
      continue;
    }
    const nodeCounts = countsOf(row.node_id);
    if (row.status === 'active' || row.status === 'waiting') {
      runs.live += n;
      nodeCounts.waiting += n;
    } else if (row.status === 'converted') {
      runs.converted += n;
      nodeCounts.converted += n;
    } else {
      if (row.status === 'completed') runs.completed += n;
      if (row.status === 'exited') runs.exited += n;
      if (row.status === 'cancelled') runs.cancelled += n;
      nodeCounts.exited += n;
    }
  }
  return { journey, definition, runs, nodes: [...counts.values()] };
}
