/** Nodes that only choose where a run goes: branch (a segment condition for the run's profile), split, exit. */
import type { JourneyNode } from '../../schema/journey.ts';
import { compileSegment } from '../../segments/compile/compile-segment.ts';
import { branchDefinition } from '../branch-condition.ts';
import { pickVariant } from '../deterministic-hash.ts';
import type { PendingStep, StepContext } from './step-context.ts';
import type { StepOutcome } from './working-run.ts';

type Outcomes = Map<string, StepOutcome>;

/**
 * Evaluates the condition for every run in the group with one query: the segment compiler restricted to the
 * group's profiles (`profileIds`), so the engines evaluate it over those profiles only.
 */
export async function executeBranch(
  context: StepContext,
  node: Extract<JourneyNode, { type: 'branch' }>,
  steps: readonly PendingStep[],
): Promise<Outcomes> {
  const lookup = await context.segmentLookup();
  const query = compileSegment(branchDefinition(node), {
    dialect: context.tx.dialect,
    now: context.now,
    profileIds: [...new Set(steps.map(({ run }) => run.profileId))],
    resolveSegmentId: (nameOrId) => lookup(nameOrId)?.id,
  });
  const matching = new Set(
    (await context.tx.query<{ profile_id: string }>(query.sql, query.params)).map((row) => row.profile_id),
  );
  const outcomes: Outcomes = new Map();
  for (const { run } of steps) {
    const matched = matching.has(run.profileId);
    outcomes.set(run.id, {
      output: { matched },
      move: { kind: 'goto', nodeId: (matched ? node.then : node.else) ?? null },
    });
  }
  return outcomes;
}

export function executeSplit(
  node: Extract<JourneyNode, { type: 'split' }>,
  steps: readonly PendingStep[],
): Outcomes {
  const outcomes: Outcomes = new Map();
  for (const { run, stepId } of steps) {
    const variant = pickVariant(node.variants, `${run.id}\u0000${stepId}`);
    outcomes.set(run.id, {
      output: { variant: variant.name },
      move: { kind: 'goto', nodeId: variant.next ?? null },
      statePatch: { splits: { ...run.state.splits, [node.id]: variant.name } },
    });
  }
  return outcomes;
}

export function executeExit(steps: readonly PendingStep[]): Outcomes {
  return new Map(
    steps.map(({ run }) => [
      run.id,
      { output: { exited: true }, move: { kind: 'end', status: 'completed' } },
    ]),
  );
}
