/**
 * Ingests raw Segment messages straight into the store (generator, demo, benchmarks' loading phase) in
 * transactions of about `groupSize` messages. Every message is validated like an API call; an invalid one stops
 * the run with its position, and the group it was in is not written.
 */
import { SegmintError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { commitMessages } from './commit-messages.ts';
import { normalizeMessage } from './normalize-message.ts';
import type { NormalizedMessage } from '../schema/messages.ts';

export interface IngestTotals {
  messages: number;
  stored: number;
  duplicates: number;
  profilesCreated: number;
  profilesMerged: number;
}

export async function ingestRawMessages(options: {
  store: Store;
  batches: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>;
  sourceId?: string | null;
  groupSize?: number;
  onProgress?: (totals: IngestTotals) => void;
}): Promise<IngestTotals> {
  const groupSize = options.groupSize ?? 10_000;
  const totals: IngestTotals = {
    messages: 0,
    stored: 0,
    duplicates: 0,
    profilesCreated: 0,
    profilesMerged: 0,
  };
  let pending: NormalizedMessage[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const group = pending;
    pending = [];
    const result = await options.store.transaction((tx) => commitMessages(tx, group));
    totals.stored += result.stored;
    totals.duplicates += result.duplicates;
    totals.profilesCreated += result.profilesCreated;
    totals.profilesMerged += result.profilesMerged;
    options.onProgress?.(totals);
  };
  for await (const batch of options.batches) {
    for (const raw of batch) {
      const receivedAt = new Date();
      const result = normalizeMessage(raw, {
        receivedAt,
        sourceId: options.sourceId ?? null,
        path: `message ${totals.messages + 1}`,
      });
      if (!result.ok) {
        throw new SegmintError(
          'invalid_input',
          `Message ${totals.messages + 1} is invalid: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
          result.errors,
        );
      }
      pending.push(result.message);
      totals.messages += 1;
    }
    // Groups end at batch boundaries so one customer's messages commit together.
    if (pending.length >= groupSize) await flush();
  }
  await flush();
  return totals;
}
