/**
 * Writing a batch back: the executed steps, the queued outbox rows and the moved runs, each as one statement
 * (the runs through one `update … from (unnest …)`, since one update per run costs ~1 ms on DuckDB).
 */
import type { SqlExecutor } from '../../store/store.ts';
import type { OutboxMessage } from './step-context.ts';
import type { WorkingRun } from './working-run.ts';

export interface StepRow {
  run: WorkingRun;
  stepId: string;
  nodeId: string;
  /** JSON text of the recorded step. */
  result: string;
}

const MESSAGE_COLUMNS = [
  'id',
  'profile_id',
  'channel',
  'template_id',
  'template_version',
  'journey_id',
  'journey_version',
  'node_id',
  'campaign_id',
  'variant',
  'data',
  'status',
  'recipient',
  'subject',
  'content',
  'attempts',
  'next_attempt_at',
  'last_error',
  'provider_message_id',
  'created_at',
  'sent_at',
  'updated_at',
] as const;

export async function writeBatch(
  tx: SqlExecutor,
  batch: {
    now: Date;
    runs: readonly WorkingRun[];
    steps: readonly StepRow[];
    outbox: readonly OutboxMessage[];
  },
): Promise<void> {
  const { now } = batch;
  if (batch.steps.length > 0) {
    await tx.insertRows(
      'journey_steps',
      ['run_id', 'step_id', 'journey_id', 'profile_id', 'node_id', 'result', 'executed_at'],
      batch.steps.map((step) => [
        step.run.id,
        step.stepId,
        step.run.journeyId,
        step.run.profileId,
        step.nodeId,
        step.result,
        now,
      ]),
    );
  }
  const outbox = await withoutQueuedMessages(tx, batch.outbox);
  if (outbox.length > 0) {
    await tx.insertRows(
      'messages',
      MESSAGE_COLUMNS,
      outbox.map((message) => [
        message.id,
        message.profileId,
        message.channel,
        message.templateId,
        message.templateVersion,
        message.journeyId,
        message.journeyVersion,
        message.nodeId,
        null,
        message.variant,
        message.data === null ? null : JSON.stringify(message.data),
        'queued',
        null,
        null,
        null,
        0,
        now,
        null,
        null,
        now,
        null,
        now,
      ]),
    );
  }
  if (batch.runs.length > 0) await updateRuns(tx, batch.runs, now);
}

/**
 * The messages whose id is not in the outbox yet: the id is the run's step, so a message already queued for it stays
 * the only one. (Checked with one lookup and then appended: DuckDB's INSERT … ON CONFLICT costs ~100 µs a row.)
 */
async function withoutQueuedMessages(
  tx: SqlExecutor,
  outbox: readonly OutboxMessage[],
): Promise<readonly OutboxMessage[]> {
  if (outbox.length === 0) return outbox;
  const existing = await tx.query<{ id: string }>(
    'select id from messages where id in (select unnest($1::varchar[]))',
    [outbox.map((message) => message.id)],
  );
  if (existing.length === 0) return outbox;
  const queued = new Set(existing.map((row) => row.id));
  return outbox.filter((message) => !queued.has(message.id));
}

async function updateRuns(tx: SqlExecutor, runs: readonly WorkingRun[], now: Date): Promise<void> {
  const { dialect } = tx;
  const millis = (column: string) =>
    `case when ${column} < 0 then null else ${dialect.fromEpochMillis(column)} end`;
  await tx.execute(
    `update journey_runs set node_id = v.node_id, status = v.status, due_at = ${millis('v.due_ms')},
            state = cast(v.state as ${dialect.jsonType}), waiting_since = ${millis('v.since_ms')}, updated_at = $7
       from (select unnest($1::varchar[]) as id, unnest($2::varchar[]) as node_id,
                    unnest($3::varchar[]) as status, unnest($4::double precision[]) as due_ms,
                    unnest($5::varchar[]) as state, unnest($6::double precision[]) as since_ms) v
      where journey_runs.id = v.id`,
    [
      runs.map((run) => run.id),
      runs.map((run) => run.nodeId),
      runs.map((run) => run.status),
      runs.map((run) => run.dueAt?.getTime() ?? -1),
      runs.map((run) => JSON.stringify(run.state)),
      runs.map((run) => run.waitingSince?.getTime() ?? -1),
      now,
    ],
  );
}
