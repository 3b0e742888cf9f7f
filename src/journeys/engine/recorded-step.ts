/**
 * A step's record in journey_steps.result: what it did and where it sent the run. When a step id is found already
 * recorded, the worker replays this instead of executing the node again (memoisation under the step id).
 */
import { z } from 'zod';
import { jsonObjectSchema } from '../../schema/json.ts';
import { readJsonColumn } from '../journey-store.ts';
import type { StepOutcome } from './working-run.ts';

const moveSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('goto'), nodeId: z.string().nullable() }),
  z.object({ kind: z.literal('wait'), until: z.string(), since: z.string().optional() }),
  z.object({ kind: z.literal('end'), status: z.literal('completed') }),
]);

const recordedStepSchema = z.object({
  output: jsonObjectSchema,
  move: moveSchema,
  statePatch: z
    .object({ splits: z.record(z.string(), z.string()).optional(), waitDeadline: z.string().optional() })
    .optional(),
});

export function readRecordedStep(column: unknown): StepOutcome {
  return recordedStepSchema.parse(readJsonColumn(column));
}

export function recordStep(outcome: StepOutcome): string {
  return JSON.stringify({ output: outcome.output, move: outcome.move, statePatch: outcome.statePatch });
}
