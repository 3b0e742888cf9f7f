/**
 * What a run remembers between steps (journey_runs.state): how often it visited each node (the visit number is part
 * of the step id, so a loop back to a node is a new step), the variant each split assigned, the deadline of the
 * event wait it is in, and what started it.
 */
import { z } from 'zod';
import { readJsonColumn } from './journey-store.ts';

export const runStateSchema = z.object({
  visits: z.record(z.string(), z.number().int().min(0)).default({}),
  splits: z.record(z.string(), z.string()).default({}),
  /** How often the run went on from (or re-checked) its current wait: part of the resume step id. */
  resumes: z.number().int().min(0).default(0),
  /** ISO time when the current wait_for_event node times out. */
  waitDeadline: z.string().optional(),
  /** The trigger that started the run: a transition id, event message id or anniversary date. */
  source: z.string().optional(),
});
export type RunState = z.infer<typeof runStateSchema>;

export function readRunState(column: unknown): RunState {
  return runStateSchema.parse(readJsonColumn(column));
}

/**
 * The id of the step a run executes next at `nodeId`, deterministic for a given run history: arriving is
 * `<nodeId>#<visit>`; going on from a wait is `<nodeId>#<visit>/<n>` (an event wait may be re-checked).
 */
export function nextStepId(state: RunState, nodeId: string, phase: 'arrive' | 'resume'): string {
  const visits = state.visits[nodeId] ?? 0;
  return phase === 'arrive' ? `${nodeId}#${visits + 1}` : `${nodeId}#${visits}/${state.resumes + 1}`;
}

/** The state after a step at `nodeId` (visit counts and resume counts move with the step). */
export function stateAfterStep(state: RunState, nodeId: string, phase: 'arrive' | 'resume'): RunState {
  return phase === 'arrive'
    ? { ...state, visits: { ...state.visits, [nodeId]: (state.visits[nodeId] ?? 0) + 1 }, resumes: 0 }
    : { ...state, resumes: state.resumes + 1 };
}
