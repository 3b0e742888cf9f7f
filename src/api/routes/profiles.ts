/** Management API for profiles (admin key required). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getProfile, listProfiles, listProfilesOptionsSchema } from '../../profiles/profile-queries.ts';
import type { Store } from '../../store/store.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../schema/storable-text.ts';

// An id no identity can have is a 400 here rather than an error from the store (PostgreSQL rejects NUL: a 500).
const profileParamsSchema = z.object({
  id: z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).max(1024, 'must be at most 1024 characters'),
});

export function registerProfileRoutes(app: FastifyInstance, options: { store: Store }): void {
  app.get('/api/profiles', async (request) =>
    listProfiles(options.store, parseOrThrow(listProfilesOptionsSchema, request.query, 'query')),
  );
  app.get('/api/profiles/:id', async (request) =>
    getProfile(options.store, parseOrThrow(profileParamsSchema, request.params, 'path').id),
  );
}
