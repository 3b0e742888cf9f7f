import type { TemplateChannel, TemplateFormat } from '../schema/template.ts';

/**
 * The format a template file's extension implies: `.mjml` → mjml, `.html`/`.htm` → html, `.json` → json, `.txt` →
 * text; `.liquid` says only that it is Liquid, so it is HTML for email and text elsewhere. Undefined: unknown.
 */
export function formatOfFile(path: string, channel: TemplateChannel): TemplateFormat | undefined {
  const extension = /\.[^./\\]+$/.exec(path)?.[0]?.toLowerCase();
  switch (extension) {
    case '.mjml':
      return 'mjml';
    case '.html':
    case '.htm':
      return 'html';
    case '.json':
      return 'json';
    case '.txt':
      return 'text';
    case '.liquid':
      return channel === 'email' ? 'html' : 'text';
    default:
      return undefined;
  }
}
