/**
 * Crash safety of ingestion. Clients that retry like Segment's SDKs (same batch, same messageIds, after a
 * connection error or a 5xx) stream events through POST /v1/batch while `segmint serve` is killed with SIGKILL at
 * random moments and started again. After each kill every acknowledged event is in the store; at the end every
 * event is stored exactly once and every customer is one whole profile. `npm run soak` runs it with 1,000,000.
 *
 * PostgreSQL runs in the shared test cluster, which has fsync off: that is still a valid test here, because only
 * the Segmint process is killed. PostgreSQL keeps running and holds what it committed; only an OS crash could
 * lose it (the soak run uses a durable cluster).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditIngestion, type IngestionAudit } from '../../bench/support/audit-ingestion.ts';
import { startChildServer } from '../../bench/support/child-server.ts';
import { randomDisruptions, runDisruptedIngestion } from '../../bench/support/disrupted-ingestion.ts';
import type { EventPlan } from '../../bench/support/event-plan.ts';
import { findFreePort } from '../../bench/support/free-port.ts';
import { createScratchStore, type ScratchStore } from '../../bench/support/scratch-store.ts';

const EVENTS = 20_000;
const CUSTOMERS = 1_000;
const KILLS = 3;

for (const engine of ['duckdb', 'postgres'] as const) {
  const postgresClusterUrl = inject('postgresUrl');
  const isAvailable = engine === 'duckdb' || postgresClusterUrl !== '';
  if (!isAvailable) console.warn('SKIPPED: crash safety on PostgreSQL — no PostgreSQL server in this run.');

  describe.runIf(isAvailable)(`ingestion survives SIGKILL [${engine}]`, () => {
    let scratch: ScratchStore | undefined;
    beforeAll(async () => {
      scratch = await createScratchStore({ engine, postgresClusterUrl });
    });
    afterAll(() => scratch?.remove());

    it(`stores each of ${EVENTS} events exactly once through ${KILLS} kills, losing no acknowledged event`, async () => {
      if (!scratch) throw new Error('store not created');
      const { location, storeArgs, writeKey } = scratch;
      const plan: EventPlan = {
        runId: `crash-${engine}`,
        events: EVENTS,
        customers: CUSTOMERS,
        batchSize: 100,
      };
      const seed = Number(process.env.SEGMINT_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
      console.info(
        `crash safety [${engine}]: kill points from seed ${seed} (SEGMINT_CRASH_SEED=${seed} repeats them)`,
      );
      const port = await findFreePort();
      const auditsAfterKills: IngestionAudit[] = [];

      const report = await runDisruptedIngestion({
        plan,
        writeKey,
        clients: 8,
        startServer: () => startChildServer({ storeArgs, port, adminKey: 'crash-test' }),
        disruptions: randomDisruptions({ events: EVENTS, count: KILLS, signal: 'SIGKILL', seed }),
        // A few answers "lost on the way back": those committed batches come again and must not be stored twice.
        lostAnswerShare: 0.03,
        seed,
        whileDown: async (_outcome, acknowledgedBatches) => {
          auditsAfterKills.push(await auditIngestion({ location, plan, acknowledgedBatches }));
        },
      });

      expect(report.outcomes.map((outcome) => outcome.exitSignal)).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);
      for (const [index, audit] of auditsAfterKills.entries()) {
        expect(audit.missingAcknowledged, `acknowledged but missing after kill ${index + 1}`).toBe(0);
        expect(audit.duplicateRows).toBe(0);
        expect(audit.orphanEvents).toBe(0);
      }
      const final = await auditIngestion({ location, plan, acknowledgedBatches: report.acknowledgedBatches });
      expect(report.acknowledgedBatches.size).toBe(EVENTS / plan.batchSize);
      expect(final).toMatchObject({
        events: EVENTS,
        planEvents: EVENTS,
        duplicateRows: 0,
        missingAcknowledged: 0,
        profiles: CUSTOMERS,
        identities: 3 * CUSTOMERS,
        orphanEvents: 0,
        splitIdentities: 0,
      });
      // Every batch whose answer was lost was committed already, so its resend is all duplicates.
      expect(report.acknowledgedDuplicates).toBeGreaterThanOrEqual(
        report.batchesWithLostAnswers * plan.batchSize,
      );
      expect(report.acknowledgedStored + report.acknowledgedDuplicates).toBe(EVENTS);
      // Nothing the server answered was a client error; a graceful stop ends the run.
      expect([...report.delivery.statuses.keys()].filter((status) => status !== 200 && status < 500)).toEqual(
        [],
      );
      expect(report.finalExitCode).toBe(0);
      const committedUnanswered = auditsAfterKills.map((audit) => audit.storedUnacknowledged).join(', ');
      console.info(
        `crash safety [${engine}]: ${Math.round(report.eventsPerSecond)} events/s over ${report.seconds.toFixed(1)} s ` +
          `including ${KILLS} kills; ${report.delivery.retries} retries; events committed but unanswered at each kill: ` +
          `${committedUnanswered}; ${report.delivery.lostAnswers} answers dropped by the clients; ` +
          `${report.acknowledgedDuplicates} resent events answered as duplicates`,
      );
    }, 180_000);
  });
}
