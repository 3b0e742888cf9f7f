/**
 * One worker batch, in one transaction: claim due runs, execute their steps, write everything back.
 *
 * Runs at the same node of the same journey version are executed together (one query per group for branches,
 * templates, traits), and a run that can go on at once (a branch, then a send) takes its next step in the same
 * batch, for up to MAX_ROUNDS steps. Each step is looked up under its deterministic id first; a recorded step is
 * replayed, not executed. Steps, outbox rows and run moves commit together, so a crash loses or repeats nothing.
 */
import type { Clock } from '../../clock.ts';
import { indexSegments, readSavedSegments } from '../../segments/saved/saved-segment.ts';
import type { SegmentLookup } from '../../segments/segment-references.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { nextStepId, stateAfterStep } from '../run-state.ts';
import { claimDueRuns } from './claim-runs.ts';
import { executeArrival, executeResume } from './execute-node.ts';
import { requireNode, type JourneyDefinitions } from './journey-definitions.ts';
import { readRecordedStep, recordStep } from './recorded-step.ts';
import type { PendingStep, StepContext } from './step-context.ts';
import { writeBatch, type StepRow } from './write-batch.ts';
import { applyMove, type StepOutcome, type WorkingRun } from './working-run.ts';

/** Steps one run may take in one batch (a bound for cycles whose wait is already over). */
const MAX_ROUNDS = 20;

export interface BatchResult {
  claimed: number;
  /** The runs this batch claimed (tests check that parallel workers never share one). */
  runIds: string[];
  steps: number;
  messages: number;
}

export async function runJourneyBatch(options: {
  store: Store;
  clock: Clock;
  definitions: JourneyDefinitions;
  batchSize: number;
}): Promise<BatchResult> {
  const { store, clock, definitions, batchSize } = options;
  return store.transaction(async (tx) => {
    const now = clock.now();
    const runs = await claimDueRuns(tx, { now, limit: batchSize });
    if (runs.length === 0) return { claimed: 0, runIds: [], steps: 0, messages: 0 };
    let lookup: SegmentLookup | undefined;
    const shared = {
      tx,
      now,
      outbox: [],
      async segmentLookup() {
        lookup ??= indexSegments(await readSavedSegments(tx));
        return lookup;
      },
    } satisfies Omit<StepContext, 'journey'>;
    const stepRows: StepRow[] = [];
    const recorded = await readRecordedStepIds(tx, runs);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = runs.filter(
        (run) =>
          (run.status === 'active' || run.status === 'waiting') && run.dueAt !== null && run.dueAt <= now,
      );
      if (due.length === 0) break;
      for (const group of groupByNode(due)) {
        const journey = await definitions.get(tx, group.journeyId, group.version);
        await executeGroup({ ...shared, journey }, group, { recorded, stepRows });
      }
    }
    await writeBatch(tx, {
      now,
      runs: runs.filter((run) => run.changed),
      steps: stepRows,
      outbox: shared.outbox,
    });
    return {
      claimed: runs.length,
      runIds: runs.map((run) => run.id),
      steps: stepRows.length,
      messages: shared.outbox.length,
    };
  });
}

interface RunGroup {
  journeyId: string;
  version: number;
  nodeId: string;
  phase: 'arrive' | 'resume';
  runs: WorkingRun[];
}

function groupByNode(runs: readonly WorkingRun[]): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  for (const run of runs) {
    const phase = run.status === 'waiting' ? 'resume' : 'arrive';
    const key = `${run.journeyId}\u0000${run.version}\u0000${run.nodeId}\u0000${phase}`;
    let group = groups.get(key);
    if (!group) {
      group = { journeyId: run.journeyId, version: run.version, nodeId: run.nodeId, phase, runs: [] };
      groups.set(key, group);
    }
    group.runs.push(run);
  }
  return [...groups.values()];
}

async function executeGroup(
  context: StepContext,
  group: RunGroup,
  batch: { recorded: ReadonlySet<string>; stepRows: StepRow[] },
): Promise<void> {
  const { recorded, stepRows } = batch;
  const node = requireNode(context.journey, group.nodeId);
  const steps: PendingStep[] = group.runs.map((run) => ({
    run,
    stepId: nextStepId(run.state, group.nodeId, group.phase),
  }));
  const toExecute = steps.filter((step) => !recorded.has(stepKey(step)));
  const executed =
    toExecute.length === 0
      ? new Map<string, StepOutcome>()
      : group.phase === 'arrive'
        ? await executeArrival(context, node, toExecute)
        : await executeResume(context, node, toExecute);
  for (const step of steps) {
    const replayed = recorded.has(stepKey(step)) ? await readRecordedOutcome(context.tx, step) : undefined;
    const outcome = replayed ?? executed.get(step.run.id);
    if (!outcome) throw new Error(`node "${node.id}" returned no outcome for run ${step.run.id}`);
    if (!replayed) {
      stepRows.push({ run: step.run, stepId: step.stepId, nodeId: node.id, result: recordStep(outcome) });
    }
    step.run.state = stateAfterStep(step.run.state, node.id, group.phase);
    applyMove(step.run, outcome, context.now);
  }
}

function stepKey(step: PendingStep): string {
  return `${step.run.id}\u0000${step.stepId}`;
}

/**
 * The ids of the steps already recorded for the claimed runs, read once per batch. Within one transaction a step
 * and its run's move commit together, so a hit means a store written by hand or by an older worker; its recorded
 * result is then read and replayed rather than executed again.
 */
async function readRecordedStepIds(tx: SqlExecutor, runs: readonly WorkingRun[]): Promise<Set<string>> {
  const rows = await tx.query<{ run_id: string; step_id: string }>(
    'select run_id, step_id from journey_steps where run_id in (select unnest($1::varchar[]))',
    [runs.map((run) => run.id)],
  );
  return new Set(rows.map((row) => `${row.run_id}\u0000${row.step_id}`));
}

async function readRecordedOutcome(tx: SqlExecutor, step: PendingStep): Promise<StepOutcome> {
  const [row] = await tx.query<{ result: unknown }>(
    'select result from journey_steps where run_id = $1 and step_id = $2',
    [step.run.id, step.stepId],
  );
  if (!row) throw new Error(`step ${step.stepId} of run ${step.run.id} disappeared`);
  return readRecordedStep(row.result);
}
