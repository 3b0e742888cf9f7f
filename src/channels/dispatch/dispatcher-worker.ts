/**
 * The message dispatcher as a background worker of `segmint serve`: it runs dispatch steps while there is due work
 * and polls every `pollIntervalMs` otherwise. `stop` lets the step in progress finish (every claimed row gets its
 * outcome recorded) and closes the channels' connections.
 */
import type { BackgroundWorker, BackgroundWorkerContext } from '../../server/background-workers.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';
import { closeChannels, openChannels } from './channel-factories.ts';
import { defaultDispatchPorts } from './default-dispatch-ports.ts';
import { DEFAULT_BATCH_SIZE, dispatchDueMessages, type DispatchOptions } from './dispatch-due-messages.ts';

export const DEFAULT_POLL_INTERVAL_MS = 1000;

export function startDispatcherWorker(
  context: BackgroundWorkerContext,
  overrides: Partial<
    Pick<DispatchOptions, 'batchSize' | 'concurrency' | 'renderMessages' | 'checkSendPolicies'>
  > & {
    pollIntervalMs?: number;
  } = {},
): BackgroundWorker {
  const channels = openChannels({ ...context, environment: process.env });
  const pollIntervalMs = overrides.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let stopping = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, pollIntervalMs);
    });

  const run = async () => {
    const secret = await loadTrackingSecret(context.store);
    const options: DispatchOptions = {
      ...defaultDispatchPorts,
      ...overrides,
      store: context.store,
      clock: context.clock,
      channels,
      tracking: { baseUrl: context.publicUrl, secret },
    };
    while (!stopping) {
      try {
        const summary = await dispatchDueMessages(options);
        if (summary.claimed > 0) {
          context.log(
            `dispatch: ${summary.sent} sent, ${summary.deferred} deferred, ${summary.failed} failed, ` +
              `${summary.suppressed} suppressed, ${summary.skipped} skipped`,
          );
          // A full batch means more may be due right now.
          if (summary.claimed >= (options.batchSize ?? DEFAULT_BATCH_SIZE)) continue;
        }
      } catch (error) {
        context.log(
          `dispatch step failed, retrying later: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (!stopping) await sleep();
    }
  };
  // Only the secret's first load can fail outside a step (the store is down at start): report it, do not crash.
  const loop = run().catch((error: unknown) => {
    context.log(`message dispatcher stopped: ${error instanceof Error ? error.message : String(error)}`);
  });

  return {
    name: 'message dispatcher',
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      try {
        await loop;
      } finally {
        await closeChannels(channels);
      }
    },
  };
}
