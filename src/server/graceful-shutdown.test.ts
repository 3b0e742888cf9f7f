/**
 * Graceful shutdown of `segmint serve`: SIGTERM stops taking new work, lets every request already received finish
 * and commit, closes the store and exits 0. Checked on a child process, as an orchestrator would stop it.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditIngestion, type IngestionAudit } from '../../bench/support/audit-ingestion.ts';
import { startChildServer, type ChildServer } from '../../bench/support/child-server.ts';
import { runDisruptedIngestion } from '../../bench/support/disrupted-ingestion.ts';
import { batchBody, type EventPlan } from '../../bench/support/event-plan.ts';
import { findFreePort } from '../../bench/support/free-port.ts';
import { createScratchStore, type ScratchStore } from '../../bench/support/scratch-store.ts';

/** Resolves with everything the socket received once `isComplete` says so (or the socket ends). */
function readUntil(socket: Socket, isComplete: (received: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (isComplete(received)) finish();
    };
    const finish = () => {
      socket.off('data', onData);
      socket.off('end', finish);
      socket.off('error', reject);
      resolve(received);
    };
    socket.on('data', onData);
    socket.once('end', finish);
    socket.once('error', reject);
  });
}

function waitForStderr(server: ChildServer, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (!pattern.test(chunk.toString('utf8'))) return;
      server.process.stderr?.off('data', onData);
      resolve();
    };
    server.process.stderr?.on('data', onData);
  });
}

for (const engine of ['duckdb', 'postgres'] as const) {
  const postgresClusterUrl = inject('postgresUrl');
  const isAvailable = engine === 'duckdb' || postgresClusterUrl !== '';
  if (!isAvailable)
    console.warn('SKIPPED: graceful shutdown on PostgreSQL — no PostgreSQL server in this run.');

  describe.runIf(isAvailable)(`segmint serve on SIGTERM [${engine}]`, () => {
    let scratch: ScratchStore | undefined;
    beforeAll(async () => {
      scratch = await createScratchStore({ engine, postgresClusterUrl });
    });
    afterAll(() => scratch?.remove());

    it('finishes a request that was in flight when SIGTERM came, stores it, and exits 0', async () => {
      if (!scratch) throw new Error('store not created');
      const plan: EventPlan = { runId: `inflight-${engine}`, events: 50, customers: 10, batchSize: 50 };
      const server = await startChildServer({
        storeArgs: scratch.storeArgs,
        port: await findFreePort(),
        adminKey: 'drain-test',
      });
      const body = Buffer.from(batchBody(plan, 0));
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
      // Given a request whose headers the server has read (it answered "100 Continue") but whose body is not sent…
      socket.write(
        [
          'POST /v1/batch HTTP/1.1',
          `Host: ${new URL(server.url).host}`,
          `Authorization: Basic ${Buffer.from(`${scratch.writeKey}:`).toString('base64')}`,
          'Content-Type: application/json',
          `Content-Length: ${body.length}`,
          'Expect: 100-continue',
          'Connection: close',
          '',
          '',
        ].join('\r\n'),
      );
      expect(await readUntil(socket, (received) => received.includes('\r\n\r\n'))).toMatch(/^HTTP\/1\.1 100/);

      // …when the server is told to stop, and only then gets the body,
      const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
      const draining = waitForStderr(server, /SIGTERM received/);
      server.process.kill('SIGTERM');
      await draining;
      const response = readUntil(socket, () => false);
      // write, not end: a client that half-closes its side gets its request aborted by Node's HTTP server.
      socket.write(body);

      // then the request is answered 200, its events are committed, and the process exits cleanly.
      expect(await response).toMatch(/^HTTP\/1\.1 200[\s\S]*"stored":50/);
      expect(await exited).toBe(0);
      const audit = await auditIngestion({ location: scratch.location, plan, acknowledgedBatches: [0] });
      expect(audit).toMatchObject({ planEvents: 50, missingAcknowledged: 0 });
    }, 60_000);

    it('drains under load: every acknowledged event is stored at each stop, and retrying clients lose nothing', async () => {
      if (!scratch) throw new Error('store not created');
      const { location, storeArgs, writeKey } = scratch;
      const events = 10_000;
      const plan: EventPlan = { runId: `drain-${engine}`, events, customers: 500, batchSize: 100 };
      const port = await findFreePort();
      const auditsAfterStops: IngestionAudit[] = [];
      const report = await runDisruptedIngestion({
        plan,
        writeKey,
        clients: 8,
        startServer: () => startChildServer({ storeArgs, port, adminKey: 'drain-test' }),
        disruptions: [
          { afterAcknowledgedEvents: events * 0.3, signal: 'SIGTERM' },
          { afterAcknowledgedEvents: events * 0.7, signal: 'SIGTERM' },
        ],
        whileDown: async (_outcome, acknowledgedBatches) => {
          auditsAfterStops.push(await auditIngestion({ location, plan, acknowledgedBatches }));
        },
      });

      expect(report.outcomes.map((outcome) => outcome.exitCode)).toEqual([0, 0]);
      expect(auditsAfterStops.map((audit) => audit.missingAcknowledged)).toEqual([0, 0]);
      // While draining, new requests are turned away with 503 (or find the port closed); none fails with a 500.
      expect(
        [...report.delivery.statuses.keys()].filter((status) => status !== 200 && status !== 503),
      ).toEqual([]);
      const final = await auditIngestion({ location, plan, acknowledgedBatches: report.acknowledgedBatches });
      expect(final).toMatchObject({
        planEvents: events,
        duplicateRows: 0,
        missingAcknowledged: 0,
        orphanEvents: 0,
      });
      expect(report.finalExitCode).toBe(0);
    }, 120_000);
  });
}
