/** Management API for the outbox and captured emails (admin key required). */
import type { FastifyInstance } from 'fastify';
import { listCapturedEmails, listMessages } from '../../channels/dispatch/message-queries.ts';
import { listCapturedQuerySchema, listMessagesQuerySchema } from '../../schema/email.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

export function registerMessageRoutes(app: FastifyInstance, options: { store: Store }): void {
  app.get('/api/messages', async (request) =>
    listMessages(options.store, parseOrThrow(listMessagesQuerySchema, request.query, 'query')),
  );
  app.get('/api/messages/captured', async (request) =>
    listCapturedEmails(options.store, parseOrThrow(listCapturedQuerySchema, request.query, 'query')),
  );
}
