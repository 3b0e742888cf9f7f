/**
 * The HTTP server: Segment tracking API (write keys), management API under /api (admin key), health and
 * readiness. Errors are JSON `{ error, message, details }` with the status of their code.
 */
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { registerAuditHook } from '../audit/audit-hook.ts';
import { registerAdminAuth } from '../auth/admin-auth.ts';
import { DEFAULT_RATE_LIMIT, registerPublicRateLimit } from '../auth/public-rate-limit.ts';
import { trackRoutes } from '../auth/route-registry.ts';
import type { RateLimitOptions } from '../auth/token-bucket.ts';
import { piiSafeLoggerOptions } from '../privacy/pii-log.ts';
import { systemClock, type Clock } from '../clock.ts';
import { isSegmintError, SegmintError } from '../errors.ts';
import type { GroupCommitter } from '../ingest/group-commit.ts';
import { WriteKeyResolver } from '../sources/sources.ts';
import type { Store } from '../store/store.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { registerMetricsRoute, RequestMetrics } from './metrics.ts';
import { registerAnalyticsRoutes } from './routes/analytics.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerCampaignRoutes } from './routes/campaigns.ts';
import { registerConsentRoutes } from './routes/consent.ts';
import { registerContentRoutes } from './routes/content.ts';
import { registerPublicContentRoutes } from './routes/content-public.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { registerDashboardDataRoutes } from './routes/dashboard-data.ts';
import { registerJourneyRoutes } from './routes/journeys.ts';
import { registerKeyRoutes } from './routes/keys.ts';
import { registerMessageRoutes } from './routes/messages.ts';
import { registerPreferenceRoutes } from './routes/preferences.ts';
import { registerPrivacyRoutes } from './routes/privacy.ts';
import { registerProfileRoutes } from './routes/profiles.ts';
import { registerRecommendationRoutes } from './routes/recommendations.ts';
import { registerScoringRoutes } from './routes/scoring.ts';
import { registerSegmentRoutes } from './routes/segments.ts';
import { registerSocialRoutes } from './routes/social.ts';
import { registerTemplateRoutes } from './routes/templates.ts';
import { registerTrackingRoutes } from './routes/tracking.ts';
import { registerTrackingLinkRoutes } from './routes/tracking-links.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerTraitRoutes } from './routes/traits.ts';

export interface ServerOptions {
  store: Store;
  committer: GroupCommitter;
  /** The bootstrap admin key for /api routes (stored API keys with roles work too: auth/admin-auth.ts). */
  adminKey: string;
  /** Time for key expiry (rotation grace) and audit entries; tests pass a ManualClock. */
  clock?: Clock;
  /** Log requests (by route pattern) with personal data masked (privacy/pii-log.ts). */
  logger?: boolean;
  /** Where the log goes (default stdout); tests capture it. */
  logStream?: NodeJS.WritableStream;
  /** Token buckets for the public endpoints (/v1, /t, /preferences, /feeds); false turns limiting off. */
  rateLimit?: RateLimitOptions | false;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? piiSafeLoggerOptions(options.logStream) : false,
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
  // Operational numbers for Prometheus: every answered request is counted (GET /metrics, admin key).
  const metrics = new RequestMetrics();
  app.addHook('onResponse', metrics.onResponse);
  trackRoutes(app);
  if (options.rateLimit !== false)
    registerPublicRateLimit(app, {
      clock: options.clock ?? systemClock,
      limit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    });
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
  registerTrackingLinkRoutes(app, {
    store: options.store,
    committer: options.committer,
    clock: options.clock ?? systemClock,
  });
  registerPublicContentRoutes(app, { store: options.store, clock: options.clock ?? systemClock });
  registerPreferenceRoutes(app, { store: options.store, clock: options.clock ?? systemClock });

  // The dashboard's files are public (they hold no data); it asks for a key and calls /api with it.
  registerDashboardRoutes(app);

  await app.register(async (admin) => {
    const clock = options.clock ?? systemClock;
    registerAdminAuth(admin, { store: options.store, adminKey: options.adminKey, clock });
    registerAuditHook(admin, { store: options.store, clock });
    registerKeyRoutes(admin, { store: options.store, clock });
    registerPrivacyRoutes(admin, { store: options.store, clock });
    registerAuditRoutes(admin, { store: options.store });
    registerProfileRoutes(admin, { store: options.store });
    registerAnalyticsRoutes(admin, { store: options.store });
    registerSegmentRoutes(admin, { store: options.store });
    registerTraitRoutes(admin, { store: options.store });
    registerReportRoutes(admin, { store: options.store });
    registerMetricsRoute(admin, { store: options.store, metrics });
    // Admin key, not a write key: write keys are public, and recommendations reveal what a profile bought.
    registerRecommendationRoutes(admin, { store: options.store });
    registerDashboardDataRoutes(admin, { store: options.store });
    registerMessageRoutes(admin, { store: options.store });
    registerTemplateRoutes(admin, { store: options.store });
    registerJourneyRoutes(admin, { store: options.store, clock });
    registerCampaignRoutes(admin, { store: options.store, clock });
    registerScoringRoutes(admin, { store: options.store, clock });
    registerContentRoutes(admin, { store: options.store, clock });
    registerSocialRoutes(admin, { store: options.store, clock });
    registerConsentRoutes(admin, { store: options.store, clock });
  });

  return app;
}
