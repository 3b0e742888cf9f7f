/** The audit log over HTTP (admin only): `GET /api/audit?since=ISO&limit=N`, newest first. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../../audit/audit-log.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const auditQuerySchema = z.object({
  since: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export function registerAuditRoutes(app: FastifyInstance, options: { store: Store }): void {
  app.get('/api/audit', async (request) =>
    listAudit(options.store, parseOrThrow(auditQuerySchema, request.query, 'query')),
  );
}
