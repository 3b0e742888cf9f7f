/**
 * Streams an event plan through POST /v1/batch with retrying clients while the server is stopped by a signal at
 * chosen moments (once so many events are acknowledged) and started again. Reports the throughput, what each stop
 * did, and which batches were acknowledged, for `auditIngestion` to check against the store.
 */
import type { ChildServer } from './child-server.ts';
import { batchBody, batchCount, batchRange, type EventPlan } from './event-plan.ts';
import { createDeliveryStats, deliverUntilAcknowledged, type DeliveryStats } from './retrying-client.ts';

export interface Disruption {
  /** Stop the server once this many events are acknowledged. */
  afterAcknowledgedEvents: number;
  signal: 'SIGKILL' | 'SIGTERM';
}

export interface DisruptionOutcome extends Disruption {
  /** Events acknowledged when the server had exited. */
  acknowledgedEvents: number;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  /** From the signal until the restarted server answered /ready (including `whileDown`). */
  downSeconds: number;
}

export interface DisruptedIngestionReport {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  outcomes: DisruptionOutcome[];
  /** Exit code of the graceful SIGTERM stop at the end. */
  finalExitCode: number | null;
  acknowledgedBatches: Set<number>;
  /** Sums over the acknowledgements: `stored` misses commits whose answer was lost; their retries count as duplicates. */
  acknowledgedStored: number;
  acknowledgedDuplicates: number;
  /** Batches whose answer a client dropped at least once: committed, sent again, so answered as duplicates. */
  batchesWithLostAnswers: number;
  delivery: DeliveryStats;
}

/** Resolves waiters once enough events are acknowledged (or with false when the run ends first). */
class AcknowledgementProgress {
  events = 0;
  private finished = false;
  private waiters: { threshold: number; resolve: (reached: boolean) => void }[] = [];

  add(events: number): void {
    this.events += events;
    this.waiters = this.waiters.filter((waiter) => {
      if (this.events < waiter.threshold) return true;
      waiter.resolve(true);
      return false;
    });
  }

  reached(threshold: number): Promise<boolean> {
    if (this.events >= threshold) return Promise.resolve(true);
    if (this.finished) return Promise.resolve(false);
    return new Promise((resolve) => this.waiters.push({ threshold, resolve }));
  }

  finish(): void {
    this.finished = true;
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters = [];
  }
}

export async function runDisruptedIngestion(options: {
  plan: EventPlan;
  writeKey: string;
  clients: number;
  startServer: () => Promise<ChildServer>;
  disruptions: readonly Disruption[];
  /** Drops this share of acknowledgements (seeded), so that committed batches are resent: they must dedupe. */
  lostAnswerShare?: number;
  /** Seeds the lost answers (and nothing else: kill points come with `disruptions`). */
  seed?: number;
  /** Runs while the server is down after each disruption, e.g. to audit that every acknowledged event is stored. */
  whileDown?: (outcome: DisruptionOutcome, acknowledgedBatches: ReadonlySet<number>) => Promise<void>;
  log?: (line: string) => void;
}): Promise<DisruptedIngestionReport> {
  const { plan } = options;
  const log = options.log ?? (() => undefined);
  const delivery = createDeliveryStats();
  const progress = new AcknowledgementProgress();
  const acknowledgedBatches = new Set<number>();
  const outcomes: DisruptionOutcome[] = [];
  let acknowledgedStored = 0;
  let acknowledgedDuplicates = 0;
  let batchesWithLostAnswers = 0;
  let server = await options.startServer();
  const started = performance.now();

  const abort = new AbortController();
  const random = seededRandom(options.seed ?? 1);
  const lostAnswerShare = options.lostAnswerShare ?? 0;
  const total = batchCount(plan);
  let nextBatch = 0;
  const sendAll = async () => {
    while (nextBatch < total) {
      const batchIndex = nextBatch++;
      const answer = await deliverUntilAcknowledged({
        url: server.url,
        writeKey: options.writeKey,
        body: batchBody(plan, batchIndex),
        stats: delivery,
        signal: abort.signal,
        loseAnswer: () => random() < lostAnswerShare,
      });
      acknowledgedBatches.add(batchIndex);
      acknowledgedStored += answer.stored;
      acknowledgedDuplicates += answer.duplicates;
      if (answer.answersLost > 0) batchesWithLostAnswers += 1;
      const { start, end } = batchRange(plan, batchIndex);
      progress.add(end - start);
    }
  };

  const disrupt = async () => {
    const ordered = [...options.disruptions].sort(
      (a, b) => a.afterAcknowledgedEvents - b.afterAcknowledgedEvents,
    );
    for (const disruption of ordered) {
      if (!(await progress.reached(disruption.afterAcknowledgedEvents))) return;
      const stoppedAt = performance.now();
      const exitCode = await server.stop(disruption.signal);
      const outcome: DisruptionOutcome = {
        ...disruption,
        acknowledgedEvents: progress.events,
        exitCode,
        exitSignal: server.process.signalCode,
        downSeconds: 0,
      };
      log(
        `${disruption.signal} after ${outcome.acknowledgedEvents} acknowledged events: exit ${exitCode ?? outcome.exitSignal}`,
      );
      await options.whileDown?.(outcome, new Set(acknowledgedBatches));
      server = await options.startServer();
      outcome.downSeconds = (performance.now() - stoppedAt) / 1000;
      outcomes.push(outcome);
    }
  };

  const clients = Promise.all(Array.from({ length: options.clients }, sendAll)).finally(() =>
    progress.finish(),
  );
  const disruptor = disrupt();
  try {
    await Promise.all([clients, disruptor]);
  } catch (error) {
    // Stop the other clients and let a restart in progress finish, so that no server process is left behind.
    abort.abort();
    progress.finish();
    await disruptor.catch(() => undefined);
    await server.stop('SIGKILL');
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  const finalExitCode = await server.stop('SIGTERM');
  return {
    events: plan.events,
    seconds,
    eventsPerSecond: plan.events / seconds,
    outcomes,
    finalExitCode,
    acknowledgedBatches,
    acknowledgedStored,
    acknowledgedDuplicates,
    batchesWithLostAnswers,
    delivery,
  };
}

/** mulberry32: a small seedable generator of numbers in [0, 1), good enough to spread kill points. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` stops at uniformly random moments between 10 % and 90 % of the run, from a seeded generator. */
export function randomDisruptions(options: {
  events: number;
  count: number;
  signal: Disruption['signal'];
  seed: number;
}): Disruption[] {
  const next = seededRandom(options.seed);
  return Array.from({ length: options.count }, () => ({
    afterAcknowledgedEvents: Math.round(options.events * (0.1 + 0.8 * next())),
    signal: options.signal,
  })).sort((a, b) => a.afterAcknowledgedEvents - b.afterAcknowledgedEvents);
}
