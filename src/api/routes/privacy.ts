/**
 * Management API for GDPR/CCPA requests (admin only): export and erase a person, list requests, and lift the
 * erasure suppression of an identity that opted in again.
 */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../auth/admin-auth.ts';
import type { Clock } from '../../clock.ts';
import { erasePerson } from '../../privacy/erase-person.ts';
import { unsuppressIdentity } from '../../privacy/erasure-suppressions.ts';
import { exportPerson } from '../../privacy/export-person.ts';
import { listPrivacyRequests } from '../../privacy/privacy-requests.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { privacySubjectSchema, suppressibleIdentitySchema } from '../../schema/privacy.ts';
import type { Store } from '../../store/store.ts';
import { z } from 'zod';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

export function registerPrivacyRoutes(app: FastifyInstance, options: { store: Store; clock: Clock }): void {
  const { store, clock } = options;
  const requestedBy = (request: Parameters<typeof actorOf>[0]) => actorOf(request)?.name ?? 'unknown';

  app.post('/api/privacy/export', async (request) =>
    exportPerson(store, parseOrThrow(privacySubjectSchema, request.body ?? {}, 'body'), {
      now: clock.now(),
      requestedBy: requestedBy(request),
    }),
  );
  app.post('/api/privacy/erase', async (request) =>
    erasePerson(store, parseOrThrow(privacySubjectSchema, request.body ?? {}, 'body'), {
      now: clock.now(),
      requestedBy: requestedBy(request),
    }),
  );
  app.get('/api/privacy/requests', async (request) =>
    listPrivacyRequests(store, parseOrThrow(listQuerySchema, request.query, 'query')),
  );
  app.post('/api/privacy/unsuppress', async (request) => {
    const identity = parseOrThrow(suppressibleIdentitySchema, request.body ?? {}, 'body');
    const wasSuppressed = await store.transaction((tx) => unsuppressIdentity(tx, identity, clock.now()));
    return { wasSuppressed };
  });
}
