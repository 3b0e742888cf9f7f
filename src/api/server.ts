/**
 * The HTTP server: Segment tracking API (write keys), management API under /api (admin key), health and
 * readiness. Errors are JSON `{ error, message, details }` with the status of their code.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { isSegmintError, SegmintError } from '../errors.ts';
import type { GroupCommitter } from '../ingest/group-commit.ts';
import { WriteKeyResolver } from '../sources/sources.ts';
import type { Store } from '../store/store.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { registerAnalyticsRoutes } from './routes/analytics.ts';
import { registerProfileRoutes } from './routes/profiles.ts';
import { registerRecommendationRoutes } from './routes/recommendations.ts';
import { registerSegmentRoutes } from './routes/segments.ts';
import { registerTrackingRoutes } from './routes/tracking.ts';
import { registerTraitRoutes } from './routes/traits.ts';

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
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Ids reach 512 characters (an email or an anonymous id in /api/profiles/:id), up to ~4.6 KB percent-encoded;
    // Fastify's default of 100 answered 414 for ids that exist.
    routerOptions: { maxParamLength: 8192 },
    // A URL Fastify cannot route (bad percent-encoding, a huge parameter) gets the error shape of every other 4xx.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      void reply
        .status(400)
        .send(
          new SegmintError(
            'invalid_input',
            `${error.message}: check the URL's percent-encoding and length.`,
          ).toJSON(),
        );
    },
  });
  registerJsonBodyParser(app);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        new SegmintError(
          'not_found',
          `No route ${request.method} ${request.url.split('?')[0]}: the tracking API is under /v1, the management API under /api.`,
        ).toJSON(),
      ),
  );

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
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(
          new SegmintError(
            'invalid_input',
            `Unsupported Content-Type '${request.headers['content-type'] ?? '(none)'}': send JSON as application/json (or text/plain, as analytics.js does).`,
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
    registerSegmentRoutes(admin, { store: options.store });
    registerTraitRoutes(admin, { store: options.store });
    // Admin key, not a write key: write keys are public, and recommendations reveal what a profile bought.
    registerRecommendationRoutes(admin, { store: options.store });
  });

  return app;
}
