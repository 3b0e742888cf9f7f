/**
 * Nodes with effects: send (a queued outbox row for the dispatcher), webhook (an outbox row on channel
 * 'webhook') and update trait. Each effect happens in the step's transaction; outbox ids are
 * `journey:<runId>:<stepId>`, so even a replayed step cannot queue a second message.
 */
import type { JourneyNode } from '../../schema/journey.ts';
import { journeyMessageId, latestVariant, type PendingStep, type StepContext } from './step-context.ts';
import type { StepOutcome } from './working-run.ts';

type Outcomes = Map<string, StepOutcome>;

export async function executeSend(
  context: StepContext,
  node: Extract<JourneyNode, { type: 'send' }>,
  steps: readonly PendingStep[],
): Promise<Outcomes> {
  const [template] = await context.tx.query<{ id: string; current_version: number }>(
    'select id, current_version from templates where name = $1 and archived_at is null',
    [node.template],
  );
  const outcomes: Outcomes = new Map();
  for (const { run, stepId } of steps) {
    const next = { kind: 'goto', nodeId: node.next ?? null } as const;
    if (!template) {
      // Validated at save time; archived since. The run goes on without the message rather than stalling.
      outcomes.set(run.id, { output: { skipped: `template "${node.template}" does not exist` }, move: next });
      continue;
    }
    const messageId = journeyMessageId(run.id, stepId);
    context.outbox.push({
      id: messageId,
      profileId: run.profileId,
      channel: node.channel,
      templateId: template.id,
      templateVersion: Number(template.current_version),
      journeyId: run.journeyId,
      journeyVersion: run.version,
      nodeId: node.id,
      variant: latestVariant(run),
      data: null,
    });
    outcomes.set(run.id, { output: { messageId }, move: next });
  }
  return outcomes;
}

export function executeWebhook(
  context: StepContext,
  node: Extract<JourneyNode, { type: 'webhook' }>,
  steps: readonly PendingStep[],
): Outcomes {
  const outcomes: Outcomes = new Map();
  for (const { run, stepId } of steps) {
    const messageId = journeyMessageId(run.id, stepId);
    context.outbox.push({
      id: messageId,
      profileId: run.profileId,
      channel: 'webhook',
      templateId: null,
      templateVersion: null,
      journeyId: run.journeyId,
      journeyVersion: run.version,
      nodeId: node.id,
      variant: latestVariant(run),
      // The dispatcher's contract for rows without a template: the address in `recipient`, the JSON in `body`.
      data: { recipient: node.url, body: node.body ?? {}, text: '' },
    });
    outcomes.set(run.id, { output: { messageId }, move: { kind: 'goto', nodeId: node.next ?? null } });
  }
  return outcomes;
}

/** Sets one trait (top-level key) to the node's value on every profile of the group, in one statement. */
export async function executeUpdateTrait(
  context: StepContext,
  node: Extract<JourneyNode, { type: 'update_trait' }>,
  steps: readonly PendingStep[],
): Promise<Outcomes> {
  const { tx } = context;
  await tx.execute(
    `update profiles set traits = ${tx.dialect.jsonWithKey('traits', node.trait, `cast($1 as ${tx.dialect.jsonType})`)},
       updated_at = $2 where id in (select unnest($3::varchar[]))`,
    [JSON.stringify(node.value), context.now, [...new Set(steps.map(({ run }) => run.profileId))]],
  );
  return new Map(
    steps.map(({ run }) => [
      run.id,
      { output: { trait: node.trait }, move: { kind: 'goto', nodeId: node.next ?? null } },
    ]),
  );
}
