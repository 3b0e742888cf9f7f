/** Management API for profiles (admin key required). */
import type { FastifyInstance } from 'fastify';
import { getProfile, listProfiles, listProfilesOptionsSchema } from '../../profiles/profile-queries.ts';
import type { Store } from '../../store/store.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';

export function registerProfileRoutes(app: FastifyInstance, options: { store: Store }): void {
  app.get('/api/profiles', async (request) =>
    listProfiles(options.store, parseOrThrow(listProfilesOptionsSchema, request.query, 'query')),
  );
  app.get<{ Params: { id: string } }>('/api/profiles/:id', async (request) =>
    getProfile(options.store, request.params.id),
  );
}
