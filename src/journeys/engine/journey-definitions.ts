/**
 * Journey versions are immutable once saved, so a worker keeps the ones it has read: a claimed batch needs one
 * lookup per (journey, version), not one per run.
 */
import { SegmintError } from '../../errors.ts';
import type { JourneyDefinition, JourneyNode } from '../../schema/journey.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { loadJourneyVersion } from '../journey-store.ts';

export interface LoadedJourney {
  journeyId: string;
  version: number;
  definition: JourneyDefinition;
  nodes: ReadonlyMap<string, JourneyNode>;
}

export function requireNode(journey: LoadedJourney, nodeId: string): JourneyNode {
  const node = journey.nodes.get(nodeId);
  if (!node) {
    throw new SegmintError(
      'not_found',
      `Journey ${journey.journeyId} version ${journey.version} has no node "${nodeId}".`,
    );
  }
  return node;
}

export class JourneyDefinitions {
  private readonly loaded = new Map<string, LoadedJourney>();

  async get(executor: SqlExecutor, journeyId: string, version: number): Promise<LoadedJourney> {
    const key = `${journeyId}@${version}`;
    const cached = this.loaded.get(key);
    if (cached) return cached;
    const definition = await loadJourneyVersion(executor, journeyId, version);
    const journey = {
      journeyId,
      version,
      definition,
      nodes: new Map(definition.nodes.map((node) => [node.id, node])),
    };
    this.loaded.set(key, journey);
    return journey;
  }
}
