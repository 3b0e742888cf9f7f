/**
 * Management API for templates (admin key required): the same operations as `segmint templates …`, plus the
 * preview of unsaved content that the dashboard's editor calls as the marketer types.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import {
  createTemplateInputSchema,
  templateDraftPreviewRequestSchema,
  templatePreviewRequestSchema,
  updateTemplateInputSchema,
} from '../../schema/template.ts';
import type { Store } from '../../store/store.ts';
import {
  archiveTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  renderDraft,
  renderMessage,
  updateTemplate,
} from '../../templates/index.ts';

const nameParamsSchema = z.object({ name: z.string().min(1) });
const listQuerySchema = z.object({ archived: z.enum(['true', 'false']).optional() });
const versionQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });

export function registerTemplateRoutes(app: FastifyInstance, options: { store: Store }): void {
  const { store } = options;
  const nameOf = (params: unknown) => parseOrThrow(nameParamsSchema, params, 'params').name;

  app.get('/api/templates', async (request) => {
    const query = parseOrThrow(listQuerySchema, request.query, 'query');
    return listTemplates(store, { includeArchived: query.archived === 'true' });
  });
  app.post('/api/templates', async (request, reply) => {
    const input = parseOrThrow(createTemplateInputSchema, request.body ?? {}, 'body');
    return reply.code(201).send(await createTemplate(store, input));
  });
  // Unsaved content: no template name in the path (POST /api/templates/:name does not exist, so no clash).
  app.post('/api/templates/preview', async (request) =>
    renderDraft(store, parseOrThrow(templateDraftPreviewRequestSchema, request.body ?? {}, 'body')),
  );
  app.get('/api/templates/:name', async (request) => {
    const { version } = parseOrThrow(versionQuerySchema, request.query, 'query');
    return getTemplate(store, nameOf(request.params), version);
  });
  app.put('/api/templates/:name', async (request) =>
    updateTemplate(
      store,
      nameOf(request.params),
      parseOrThrow(updateTemplateInputSchema, request.body ?? {}, 'body'),
    ),
  );
  app.delete('/api/templates/:name', async (request) => archiveTemplate(store, nameOf(request.params)));
  app.post('/api/templates/:name/preview', async (request) => {
    const body = parseOrThrow(templatePreviewRequestSchema, request.body ?? {}, 'body');
    return renderMessage(store, {
      templateName: nameOf(request.params),
      profileId: body.profileId,
      ...(body.version === undefined ? {} : { version: body.version }),
      ...(body.data === undefined ? {} : { data: body.data }),
    });
  });
}
