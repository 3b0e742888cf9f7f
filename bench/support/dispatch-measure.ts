/**
 * The dispatcher's emails/s on one store engine, for bench/email.bench.ts: capture channel and pooled SMTP sink,
 * inline and templated content, median of `repetitions` runs; and the duplicate window (one outcome commit).
 */
import type { RenderedMessage } from '../../src/channels/channel.ts';
import { recordOutcome } from '../../src/channels/dispatch/record-outcome.ts';
import { createCaptureEmailChannel } from '../../src/channels/email/capture-email-channel.ts';
import { createSmtpEmailChannel } from '../../src/channels/email/smtp-email-channel.ts';
import { ManualClock } from '../../src/clock.ts';
import { openStore, type StoreLocation } from '../../src/store/open-store.ts';
import { median } from '../benchmark.ts';
import { dispatchRun, givenBenchProfiles, givenBenchTemplate } from './dispatch-run.ts';
import { watchDuplicateWindow } from './duplicate-window.ts';

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

const FROM = 'Shop <news@shop.example>';

export interface DispatcherFigures {
  engine: string;
  captureInline: number;
  captureTemplate: number;
  sinkInline: number;
  sinkTemplate: number;
  /** Median milliseconds to record one outcome (status + Delivered event). */
  outcomeMs: number;
  /**
   * Median over the runs of sink-inline emails/s ÷ the sink's own rate measured just before that run: on a shared
   * machine whose load drifts, a ratio of two rates measured minutes apart says more about the load than the code.
   */
  sinkInlineRatio: number;
  /** Sink-inline runs: milliseconds from each email's 250 to its outcome's commit, median and 95th percentile. */
  duplicateWindowMs: { median: number; p95: number } | undefined;
}

export function dispatchedCount(quick: boolean): number {
  return quick ? 1000 : 5000;
}

export async function measureDispatcher(
  engine: string,
  location: StoreLocation,
  options: {
    quick: boolean;
    repetitions: number;
    sinkPort: number;
    html: string;
    log: (line: string) => void;
    /** The sink's own rate (a plain client), measured right before each sink-inline run. */
    referenceRate: () => Promise<number>;
  },
): Promise<DispatcherFigures> {
  const store = await openStore(location);
  const clock = new ManualClock('2025-03-01T10:00:00Z');
  const capture = createCaptureEmailChannel({ store, from: FROM, clock });
  const sink = createSmtpEmailChannel({
    host: '127.0.0.1',
    port: options.sinkPort,
    secure: false,
    from: FROM,
  });
  try {
    const profileIds = await givenBenchProfiles(store, 'bench', dispatchedCount(options.quick));
    const templateId = await givenBenchTemplate(store, options.html);
    const rates: Record<'captureInline' | 'captureTemplate' | 'sinkInline' | 'sinkTemplate', number[]> = {
      captureInline: [],
      captureTemplate: [],
      sinkInline: [],
      sinkTemplate: [],
    };
    const ratios: number[] = [];
    const windowsMs: number[] = [];
    for (let run = 0; run < options.repetitions; run++) {
      for (const variant of Object.keys(rates) as (keyof typeof rates)[]) {
        const reference = variant === 'sinkInline' ? await options.referenceRate() : undefined;
        const watch = variant === 'sinkInline' ? watchDuplicateWindow(store, sink) : undefined;
        const rate = await dispatchRun({
          store: watch?.store ?? store,
          clock,
          channel: watch?.channel ?? (variant.startsWith('capture') ? capture : sink),
          runId: `${variant}:${run}`,
          profileIds,
          content: variant.endsWith('Inline')
            ? { kind: 'inline', html: options.html }
            : { kind: 'template', templateId },
        });
        rates[variant].push(rate);
        windowsMs.push(...(watch?.windowsMs ?? []));
        if (reference !== undefined) ratios.push(rate / reference);
        options.log(
          `${engine} ${variant} run ${run + 1}: ${rate.toFixed(0)}/s` +
            (reference === undefined ? '' : ` (sink's own rate just before: ${reference.toFixed(0)}/s)`),
        );
      }
    }
    const outcomeMs: number[] = [];
    const [profileId] = profileIds;
    for (let index = 0; index < 200 && profileId; index++) {
      const id = `w:${index}`;
      await store.execute(
        `insert into messages (id, profile_id, channel, status, attempts, created_at, updated_at)
         values ($1, $2, 'email', 'sending', 1, $3, $3)`,
        [id, profileId, clock.now()],
      );
      const message: RenderedMessage = {
        id,
        profileId,
        channel: 'email',
        recipient: 'bench0@example.com',
        subject: 'Hi',
        html: options.html,
        text: 'Hi',
      };
      const started = performance.now();
      await recordOutcome(store, {
        id,
        outcome: { status: 'sent', providerMessageId: `<${id}@shop.example>` },
        message,
        now: clock.now(),
      });
      outcomeMs.push(performance.now() - started);
    }
    return {
      engine,
      captureInline: median(rates.captureInline),
      captureTemplate: median(rates.captureTemplate),
      sinkInline: median(rates.sinkInline),
      sinkTemplate: median(rates.sinkTemplate),
      outcomeMs: median(outcomeMs),
      sinkInlineRatio: median(ratios),
      duplicateWindowMs:
        windowsMs.length === 0 ? undefined : { median: median(windowsMs), p95: percentile(windowsMs, 0.95) },
    };
  } finally {
    await capture.close();
    await sink.close();
    await store.close();
  }
}
