/**
 * The HTTP server: Segment tracking API (write keys), management API under /api (admin key), health and
 * readiness. Errors are JSON `{ error, message, details }` with the status of their code.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { isSegmintError, SegmintError } from '../errors.ts';
import type { GroupCommitter } from '../ingest/group-commit.ts';
import { WriteKeyResolver } from '../sources/sources.ts';
import type { Store } from '../store/store.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { registerAnalyticsRoutes } from './routes/analytics.ts';
import { registerProfileRoutes } from './routes/profiles.ts';
import { registerTrackingRoutes } from './routes/tracking.ts';

export interface ServerOptions {
  store: Store;
  committer: GroupCommitter;
  /** Bearer token for /api routes. */
  adminKey: string;
  logger?: boolean;
}

function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  registerJsonBodyParser(app);

  app.setErrorHandler((error, request, reply) => {
    if (isSegmintError(error)) return reply.status(error.httpStatus).send(error.toJSON());
    const fastifyError = error as { code?: string; statusCode?: number; message?: string };
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(400)
        .send(
          new SegmintError(
            'payload_too_large',
            'The request body is too large: batches are limited to 500 KB and messages to 32 KB.',
          ).toJSON(),
        );
    }
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      return reply
        .status(fastifyError.statusCode)
        .send({ error: 'invalid_input', message: fastifyError.message, details: [] });
    }
    request.log.error(error);
    return reply.status(500).send({
      error: 'internal',
      message: 'Internal error; the request changed nothing. Retry, and report it if it persists.',
      details: [],
    });
  });

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    try {
      await options.store.query('select 1 as ok');
      return { status: 'ready', store: options.store.engine };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', message: (error as Error).message });
    }
  });

  registerTrackingRoutes(app, {
    committer: options.committer,
    writeKeys: new WriteKeyResolver(options.store),
  });

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => {
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (!token || !isSameSecret(token, options.adminKey)) {
        throw new SegmintError(
          'unauthorized',
          'The management API needs the admin key: Authorization: Bearer <key> (printed by `segmint serve`).',
        );
      }
    });
    registerProfileRoutes(admin, { store: options.store });
    registerAnalyticsRoutes(admin, { store: options.store });
  });

  return app;
}
