/**
 * Message templates: what is saved (a named template with numbered versions), what an edit or a draft preview
 * sends, and what rendering returns. Shared by the store, the API, the CLI and the dashboard's template editor.
 */
import { z } from 'zod';
import { printableNameSchema } from './printable-name.ts';

/** The channel a template is written for; it decides which parts make sense (only email has a subject). */
export const templateChannelSchema = z.enum(['email', 'webhook', 'social', 'content', 'inapp']);
export type TemplateChannel = z.infer<typeof templateChannelSchema>;

/**
 * How the rendered body is read: `html` (escaped output, text part derived), `mjml` (compiled to responsive HTML,
 * escaped output, text part derived), `text` (no escaping), `json` (no escaping; must render to valid JSON).
 */
export const templateFormatSchema = z.enum(['html', 'mjml', 'text', 'json']);
export type TemplateFormat = z.infer<typeof templateFormatSchema>;

/** A template name appears in URLs, CLI arguments and journey definitions, so it is short and printable. */
export const templateNameSchema = printableNameSchema(100);

// PostgreSQL text cannot hold U+0000; a template never needs it.
const liquidSourceSchema = z
  .string()
  .max(512 * 1024, 'must be at most 512 KB')
  .refine((text) => !text.includes('\u0000'), 'must not contain the NUL character');

/** The parts of one version, as an editor or a file gives them. */
export const templateContentSchema = z.object({
  /** Liquid; email only. */
  subject: liquidSourceSchema.optional(),
  body: liquidSourceSchema.min(1, 'must not be empty'),
  format: templateFormatSchema,
  /** Explicit plain-text part (Liquid); without it the text is derived from the HTML. */
  textBody: liquidSourceSchema.optional(),
});
export type TemplateContent = z.infer<typeof templateContentSchema>;

export const createTemplateInputSchema = templateContentSchema.extend({
  name: templateNameSchema,
  channel: templateChannelSchema,
});
export type CreateTemplateInput = z.input<typeof createTemplateInputSchema>;

/** An edit: the parts given replace those of the current version; the rest are carried over. */
export const updateTemplateInputSchema = z.object({
  subject: liquidSourceSchema.nullable().optional(),
  body: liquidSourceSchema.min(1, 'must not be empty').optional(),
  format: templateFormatSchema.optional(),
  textBody: liquidSourceSchema.nullable().optional(),
});
export type UpdateTemplateInput = z.input<typeof updateTemplateInputSchema>;

const profileIdSchema = z.string().trim().min(1, 'must not be empty').max(512);

/** Extra variables, visible to the template as `message.*` (a campaign's coupon code, an unsubscribe URL…). */
export const templateDataSchema = z.record(z.string(), z.unknown());

/** Preview of a saved template for one profile. */
export const templatePreviewRequestSchema = z.object({
  profileId: profileIdSchema,
  version: z.coerce.number().int().min(1).optional(),
  data: templateDataSchema.optional(),
});
export type TemplatePreviewRequest = z.infer<typeof templatePreviewRequestSchema>;

/** Preview of unsaved content for one profile (the dashboard's live preview). */
export const templateDraftPreviewRequestSchema = templateContentSchema.extend({
  channel: templateChannelSchema.default('email'),
  profileId: profileIdSchema,
  data: templateDataSchema.optional(),
});
export type TemplateDraftPreviewRequest = z.input<typeof templateDraftPreviewRequestSchema>;

export interface TemplateVersion {
  templateId: string;
  version: number;
  subject: string | null;
  body: string;
  format: TemplateFormat;
  textBody: string | null;
  createdAt: Date;
}

export interface Template {
  id: string;
  name: string;
  channel: TemplateChannel;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

/** A template with the content of one of its versions (the current one unless asked otherwise). */
export interface TemplateWithVersion extends Template {
  content: TemplateVersion;
}

/** The rendered parts of a message. */
export interface RenderedParts {
  subject?: string;
  /** HTML formats only (MJML is compiled). */
  html?: string;
  /** Always present: the explicit text part, the text derived from the HTML, or the text/JSON body itself. */
  text: string;
  /** JSON format only: the body parsed. */
  body?: unknown;
}

export interface RenderedMessageContent extends RenderedParts {
  templateId: string;
  templateName: string;
  version: number;
  channel: TemplateChannel;
}
