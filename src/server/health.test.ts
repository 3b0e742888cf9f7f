/**
 * Liveness and readiness, as a load balancer or an orchestrator probes them: /health says the process answers,
 * /ready says it can reach its store (and so can accept events).
 */
import { describe, expect, inject, it } from 'vitest';
import { buildServer } from '../api/server.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { openTestStore } from '../test-support/engines.ts';

for (const engine of ['duckdb', 'postgres'] as const) {
  const isAvailable = engine === 'duckdb' || inject('postgresUrl') !== '';
  if (!isAvailable)
    console.warn('SKIPPED: health and readiness on PostgreSQL — no PostgreSQL server in this run.');

  describe.runIf(isAvailable)(`health and readiness [${engine}]`, () => {
    it('answers /health and /ready while the store is reachable, and /ready 503 once it is not', async () => {
      const store = await openTestStore(engine);
      const app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'admin' });
      try {
        const health = await app.inject({ url: '/health' });
        const ready = await app.inject({ url: '/ready' });
        expect(health.statusCode).toBe(200);
        expect(health.json()).toEqual({ status: 'ok' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json()).toEqual({ status: 'ready', store: engine });

        // The store goes away (here: closed under the running server).
        await store.close();
        const unready = await app.inject({ url: '/ready' });
        expect(unready.statusCode).toBe(503);
        expect(unready.json()).toMatchObject({ status: 'unavailable', message: expect.any(String) });
        // Liveness does not depend on the store: restarting the process would not bring it back.
        expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });

    it('needs no write key or admin key for either probe', async () => {
      const store = await openTestStore(engine);
      const app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'admin' });
      try {
        const responses = await Promise.all(
          ['/health', '/ready'].map((url) => app.inject({ url, headers: { authorization: 'Bearer wrong' } })),
        );
        expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
      } finally {
        await app.close();
        await store.close();
      }
    });
  });
}
