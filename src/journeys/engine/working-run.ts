/** A claimed run as the worker holds it in memory while it executes steps, and how a step moves it. */
import type { JsonObject } from '../../schema/json.ts';
import type { RunState } from '../run-state.ts';

export type LiveRunStatus = 'active' | 'waiting';
export type EndedRunStatus = 'completed' | 'exited' | 'converted' | 'cancelled' | 'holdout';

export interface WorkingRun {
  id: string;
  journeyId: string;
  version: number;
  profileId: string;
  nodeId: string;
  status: LiveRunStatus | EndedRunStatus;
  dueAt: Date | null;
  state: RunState;
  waitingSince: Date | null;
  /** Whether the worker changed it (only those are written back). */
  changed: boolean;
}

/** Where a step sends its run. */
export type RunMove =
  /** On to a node (now), or complete when null. */
  | { kind: 'goto'; nodeId: string | null }
  /** Stay at this node, waiting until `until` (and, for an event wait, for events received since `since`). */
  | { kind: 'wait'; until: string; since?: string | undefined }
  /** The run ends at this node. */
  | { kind: 'end'; status: 'completed' };

export interface StepOutcome {
  /** What the step did, recorded in journey_steps.result (with the move, so a replay moves the same way). */
  output: JsonObject;
  move: RunMove;
  /** State changes the step made (split assignment, wait deadline). */
  statePatch?: Pick<Partial<RunState>, 'splits' | 'waitDeadline'> | undefined;
}

export function applyMove(run: WorkingRun, outcome: StepOutcome, now: Date): void {
  run.state = { ...run.state, ...outcome.statePatch };
  run.changed = true;
  const { move } = outcome;
  switch (move.kind) {
    case 'goto':
      if (move.nodeId === null) {
        run.status = 'completed';
        run.dueAt = null;
      } else {
        run.nodeId = move.nodeId;
        run.status = 'active';
        run.dueAt = now;
      }
      run.waitingSince = null;
      return;
    case 'wait':
      run.status = 'waiting';
      run.dueAt = new Date(move.until);
      run.waitingSince = move.since === undefined ? null : new Date(move.since);
      return;
    case 'end':
      run.status = move.status;
      run.dueAt = null;
      run.waitingSince = null;
      return;
    default: {
      const unknown: never = move;
      throw new Error(`unknown move ${JSON.stringify(unknown)}`);
    }
  }
}
