/**
 * Group commit: the messages of concurrent requests are committed together in one transaction, and each request is
 * answered only after the transaction that holds its messages has committed. DuckDB's per-commit cost (~1 ms and a
 * WAL sync) is then paid once per group instead of once per request, and every acknowledged message is durable.
 *
 * A request's messages are never split across transactions, so a batch stays atomic. If a group fails, its
 * requests are retried one by one so that one bad request cannot fail the others.
 */
import type { NormalizedMessage } from '../schema/messages.ts';
import type { Store } from '../store/store.ts';
import { commitMessages, type CommitResult } from './commit-messages.ts';

export interface RequestCommitResult {
  stored: number;
  duplicates: number;
}

interface PendingRequest {
  messages: readonly NormalizedMessage[];
  resolve: (result: RequestCommitResult) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitterOptions {
  store: Store;
  /** Upper bound on the messages of one group; a single larger request still commits whole. */
  maxGroupMessages?: number;
  /** Called after each committed group, e.g. to re-evaluate real-time segments for the touched profiles. */
  onCommitted?: (result: CommitResult) => Promise<void> | void;
}

export class GroupCommitter {
  private readonly store: Store;
  private readonly maxGroupMessages: number;
  private readonly onCommitted: GroupCommitterOptions['onCommitted'];
  private queue: PendingRequest[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  /** Groups committed and their sizes, for /metrics and benchmarks. */
  readonly stats = { groups: 0, messages: 0, requests: 0 };

  constructor(options: GroupCommitterOptions) {
    this.store = options.store;
    this.maxGroupMessages = options.maxGroupMessages ?? 20_000;
    this.onCommitted = options.onCommitted;
  }

  submit(messages: readonly NormalizedMessage[]): Promise<RequestCommitResult> {
    if (this.closed)
      return Promise.reject(new Error('The ingestion queue is shutting down; retry the request.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.running ??= this.drain().finally(() => {
        this.running = undefined;
      });
    });
  }

  /** Stops taking requests and waits until every accepted one is committed (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.takeGroup();
      try {
        await this.commitGroup(group);
      } catch {
        // The group failed as a whole: find out which requests fail on their own.
        for (const request of group) await this.commitGroup([request]).catch(request.reject);
      }
    }
  }

  private takeGroup(): PendingRequest[] {
    const group: PendingRequest[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as PendingRequest;
      if (group.length > 0 && size + next.messages.length > this.maxGroupMessages) break;
      group.push(next);
      size += next.messages.length;
      this.queue.shift();
    }
    return group;
  }

  private async commitGroup(group: PendingRequest[]): Promise<void> {
    const messages = group.flatMap((request) => request.messages);
    const result = await this.store.transaction((tx) => commitMessages(tx, messages));
    this.stats.groups += 1;
    this.stats.messages += messages.length;
    this.stats.requests += group.length;
    const alreadyCounted = new Set<string>();
    for (const request of group) {
      let stored = 0;
      for (const message of request.messages) {
        if (result.storedMessageIds.has(message.messageId) && !alreadyCounted.has(message.messageId)) {
          stored += 1;
          alreadyCounted.add(message.messageId);
        }
      }
      request.resolve({ stored, duplicates: request.messages.length - stored });
    }
    if (this.onCommitted) {
      await Promise.resolve(this.onCommitted(result)).catch((error: unknown) =>
        console.error(`After-commit hook failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }
}
