/**
 * Rendering a saved template for one profile: what the message dispatcher calls for each outbox row, and what
 * previews show. The version is the one asked for (journeys and queued messages pin one) or the current one;
 * archived templates still render, so messages queued before the archive drain normally.
 */
import { isSegmintError, SegmintError } from '../errors.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import {
  templateDraftPreviewRequestSchema,
  type RenderedMessageContent,
  type RenderedParts,
  type TemplateContent,
  type TemplateDraftPreviewRequest,
} from '../schema/template.ts';
import type { SqlExecutor } from '../store/store.ts';
import type { Template, TemplateVersion } from '../schema/template.ts';
import { checkTemplateContent } from './check-template-content.ts';
import { renderTemplateParts } from './render-template.ts';
import { buildTemplateContext, buildTemplateContexts } from './template-context.ts';
import { requireTemplate, requireTemplateVersion } from './template-rows.ts';
import { contentOfVersion } from './template-store.ts';

export interface RenderMessageRequest {
  /** The template's id (outbox rows carry it) or its name; give one of the two. */
  templateId?: string;
  templateName?: string;
  /** The pinned version; default: the current one. */
  version?: number;
  /** The profile's id (or a user id, anonymous id or email, for previews). */
  profileId: string;
  /** Extra variables, seen as `message.*`. */
  data?: Record<string, unknown>;
}

/**
 * Recommendations are the costly part of a context (two queries over purchase events), so they are loaded only
 * for templates that mention them; any use, even `{% assign picks = recommendations %}`, names the variable.
 */
function contextOptionsFor(content: TemplateContent): { recommendations?: number } {
  const sources = [content.subject, content.body, content.textBody];
  return sources.some((source) => source?.includes('recommendations')) ? {} : { recommendations: 0 };
}

async function loadRequestedVersion(
  executor: SqlExecutor,
  request: { templateId?: string; templateName?: string; version?: number },
): Promise<{ template: Template; version: TemplateVersion }> {
  const key = request.templateId ?? request.templateName;
  if (key === undefined) {
    throw new SegmintError('invalid_input', 'Rendering needs a templateId or a templateName.', [
      { path: 'templateId', message: 'required' },
    ]);
  }
  const template = await requireTemplate(executor, key);
  return { template, version: await requireTemplateVersion(executor, template, request.version) };
}

async function renderVersion(
  template: Template,
  version: TemplateVersion,
  context: Record<string, unknown>,
): Promise<RenderedMessageContent> {
  const parts = await renderTemplateParts(
    contentOfVersion(version),
    context,
    `template "${template.name}" version ${version.version}`,
  );
  return {
    templateId: template.id,
    templateName: template.name,
    version: version.version,
    channel: template.channel,
    ...parts,
  };
}

export async function renderMessage(
  executor: SqlExecutor,
  request: RenderMessageRequest,
): Promise<RenderedMessageContent> {
  const { template, version } = await loadRequestedVersion(executor, request);
  const context = await buildTemplateContext(
    executor,
    request.profileId,
    request.data ?? {},
    contextOptionsFor(contentOfVersion(version)),
  );
  return renderVersion(template, version, context);
}

export interface RenderMessagesRequest {
  templateId?: string;
  templateName?: string;
  version?: number;
  /** Profile ids (not other identities) with each one's `message.*` data. */
  profiles: readonly { profileId: string; data?: Record<string, unknown> }[];
}

export type RenderMessagesResult =
  | { profileId: string; ok: true; message: RenderedMessageContent }
  | { profileId: string; ok: false; error: SegmintError };

/**
 * One template version for many profiles (a campaign batch): the contexts are loaded with five queries in all
 * rather than five per profile. A profile that is missing or whose render fails gets its own error; the others
 * still render.
 */
export async function renderMessages(
  executor: SqlExecutor,
  request: RenderMessagesRequest,
): Promise<RenderMessagesResult[]> {
  const { template, version } = await loadRequestedVersion(executor, request);
  const dataById = new Map(request.profiles.map((profile) => [profile.profileId, profile.data ?? {}]));
  const contexts = await buildTemplateContexts(executor, [...dataById.keys()], {
    ...contextOptionsFor(contentOfVersion(version)),
    data: (profileId) => dataById.get(profileId) ?? {},
  });
  const results: RenderMessagesResult[] = [];
  for (const { profileId } of request.profiles) {
    const context = contexts.get(profileId);
    if (!context) {
      const error = new SegmintError('not_found', `No profile with id '${profileId}'.`);
      results.push({ profileId, ok: false, error });
      continue;
    }
    try {
      results.push({ profileId, ok: true, message: await renderVersion(template, version, context) });
    } catch (error) {
      // Only expected failures (a render error for this profile's data) are per-profile; anything else is a bug.
      if (!isSegmintError(error)) throw error;
      results.push({ profileId, ok: false, error });
    }
  }
  return results;
}

/**
 * Renders unsaved content for one profile (the dashboard's live preview): the same checks as saving, then the
 * same rendering as sending.
 */
export async function renderDraft(
  executor: SqlExecutor,
  input: TemplateDraftPreviewRequest,
): Promise<RenderedParts> {
  const draft = parseOrThrow(templateDraftPreviewRequestSchema, input, 'draft');
  const { channel, profileId, data, ...content } = draft;
  await checkTemplateContent(channel, content, 'draft');
  const context = await buildTemplateContext(executor, profileId, data ?? {}, contextOptionsFor(content));
  return renderTemplateParts(content, context, 'draft');
}
