/**
 * Group commit for send outcomes: while one transaction records outcomes, the outcomes of emails finishing in the
 * meantime wait and are recorded together in the next one. Throughput then does not hang on one commit per email,
 * and an outcome still waits at most one commit before its own starts — the time from the SMTP server's 250 to
 * the recorded outcome (the duplicate window after a crash) stays that of one or two commits, not of a whole batch.
 */
import type { Store } from '../../store/store.ts';
import { recordOutcomes, type OutcomeEntry } from './record-outcome.ts';

interface Pending {
  entry: OutcomeEntry;
  resolve: (recorded: boolean) => void;
  reject: (error: unknown) => void;
}

export class OutcomeGroupRecorder {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly store: Store) {}

  record(entry: OutcomeEntry): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.running ??= this.drain().finally(() => {
        this.running = undefined;
      });
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        const recorded = await recordOutcomes(
          this.store,
          group.map((pending) => pending.entry),
        );
        group.forEach((pending, index) => pending.resolve(recorded[index] ?? false));
      } catch (error) {
        if (group.length === 1) {
          group[0]?.reject(error);
          continue;
        }
        // One bad entry must not fail the others: record them one by one to find it.
        for (const pending of group) {
          await recordOutcomes(this.store, [pending.entry]).then(
            ([recorded]) => pending.resolve(recorded ?? false),
            pending.reject,
          );
        }
      }
    }
  }
}
