/** What a node's executor gets: the transaction, the time, the journey, and collectors for the batch's writes. */
import type { JsonValue } from '../../schema/json.ts';
import type { SegmentLookup } from '../../segments/segment-references.ts';
import type { SqlExecutor } from '../../store/store.ts';
import type { LoadedJourney } from './journey-definitions.ts';
import type { WorkingRun } from './working-run.ts';

/** A row for the `messages` outbox (004_messages.sql), queued for the dispatcher. */
export interface OutboxMessage {
  id: string;
  profileId: string;
  channel: string;
  templateId: string | null;
  templateVersion: number | null;
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  variant: string | null;
  data: JsonValue | null;
}

export interface StepContext {
  tx: SqlExecutor;
  now: Date;
  journey: LoadedJourney;
  /** Saved segments by name or id (read once per batch, for branch conditions). */
  segmentLookup(): Promise<SegmentLookup>;
  /** Messages to insert when the batch commits. */
  outbox: OutboxMessage[];
}

/** A run about to execute a step, with the step's deterministic id. */
export interface PendingStep {
  run: WorkingRun;
  stepId: string;
}

/** The outbox id of a journey send: one message per run step, whatever happens. */
export function journeyMessageId(runId: string, stepId: string): string {
  return `journey:${runId}:${stepId}`;
}

/** The variant the run's latest split assigned, for A/B attribution of its messages. */
export function latestVariant(run: WorkingRun): string | null {
  const variants = Object.values(run.state.splits);
  return variants[variants.length - 1] ?? null;
}
