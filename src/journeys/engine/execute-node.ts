/** One step for a group of runs at the same node: arriving at it (`active`) or going on from a wait (`waiting`). */
import type { JourneyNode } from '../../schema/journey.ts';
import { executeBranch, executeExit, executeSplit } from './decision-steps.ts';
import { executeSend, executeUpdateTrait, executeWebhook } from './effect-steps.ts';
import type { PendingStep, StepContext } from './step-context.ts';
import { arriveAtWait, resumeWait } from './wait-steps.ts';
import type { StepOutcome } from './working-run.ts';

export async function executeArrival(
  context: StepContext,
  node: JourneyNode,
  steps: readonly PendingStep[],
): Promise<Map<string, StepOutcome>> {
  switch (node.type) {
    case 'delay':
    case 'wait_until':
    case 'wait_for_event':
      return arriveAtWait(context, node, steps);
    case 'branch':
      return executeBranch(context, node, steps);
    case 'split':
      return executeSplit(node, steps);
    case 'send':
      return executeSend(context, node, steps);
    case 'update_trait':
      return executeUpdateTrait(context, node, steps);
    case 'webhook':
      return executeWebhook(context, node, steps);
    case 'exit':
      return executeExit(steps);
    default: {
      const unknown: never = node;
      throw new Error(`unknown node ${JSON.stringify(unknown)}`);
    }
  }
}

export async function executeResume(
  context: StepContext,
  node: JourneyNode,
  steps: readonly PendingStep[],
): Promise<Map<string, StepOutcome>> {
  if (node.type === 'delay' || node.type === 'wait_until' || node.type === 'wait_for_event') {
    return resumeWait(context, node, steps);
  }
  // Only wait nodes leave runs waiting; a waiting run elsewhere (an edited store) simply executes its node again.
  return executeArrival(context, node, steps);
}
