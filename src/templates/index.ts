/** Message templates: Liquid (LiquidJS) with optional MJML, versions, render context, previews. See README.md. */
export { renderTemplate, renderTemplateParts } from './render-template.ts';
export type { RenderTemplateOptions } from './render-template.ts';
export { buildTemplateContext, buildTemplateContexts } from './template-context.ts';
export type { TemplateContext, TemplateContextOptions } from './template-context.ts';
export type { TemplateRecommendation } from './template-recommendations.ts';
export { renderDraft, renderMessage, renderMessages } from './render-message.ts';
export type { RenderMessageRequest, RenderMessagesRequest, RenderMessagesResult } from './render-message.ts';
export {
  archiveTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  listTemplateVersions,
  updateTemplate,
} from './template-store.ts';
export { findTemplate, requireTemplate } from './template-rows.ts';
export { checkTemplateContent } from './check-template-content.ts';
