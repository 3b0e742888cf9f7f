/**
 * Rendering Liquid sources and whole template versions. `renderTemplate` is the single-source primitive;
 * `renderTemplateParts` renders a version's subject, body and text part according to its format:
 * - html / mjml: output is HTML-escaped (`| raw` opts out), MJML is compiled after Liquid, and the text part is
 *   the explicit text body or else derived from the HTML;
 * - text: no escaping, the body is the text part;
 * - json: no escaping, the body must render to valid JSON (use `| json` to quote values).
 */
import { SegmintError } from '../errors.ts';
import type { RenderedParts, TemplateContent } from '../schema/template.ts';
import { compileMjml } from './compile-mjml.ts';
import { htmlToPlainText } from './html-to-plain-text.ts';
import { parseLiquid, renderLiquid, type LiquidEscaping } from './liquid-engine.ts';
import { toTemplateError } from './liquid-error.ts';

export interface RenderTemplateOptions {
  /** `html` escapes every output (the default: the safe choice for anything that may end up in a page). */
  escaping?: LiquidEscaping;
  /** Names the template in errors, e.g. `template "welcome" version 2`. */
  template?: string;
  /** Names the part in errors: `subject`, `body`, `text`. */
  part?: string;
}

/** Renders one Liquid source; a syntax or render error is a SegmintError naming the line and the variable. */
export async function renderTemplate(
  source: string,
  context: Record<string, unknown>,
  options: RenderTemplateOptions = {},
): Promise<string> {
  const location = { template: options.template ?? 'template', part: options.part ?? 'body' };
  const escaping = options.escaping ?? 'html';
  let templates: ReturnType<typeof parseLiquid>;
  try {
    templates = parseLiquid(source, escaping);
  } catch (error) {
    throw toTemplateError(error, location);
  }
  try {
    return await renderLiquid(templates, context, escaping);
  } catch (error) {
    throw toTemplateError(error, location);
  }
}

function isHtmlFormat(format: TemplateContent['format']): boolean {
  return format === 'html' || format === 'mjml';
}

function parseRenderedJson(text: string, template: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SegmintError(
      'invalid_input',
      `${template}, body: the rendered body is not valid JSON (${reason}). Quote inserted values with | json, e.g. {"name": {{ profile.first_name | json }}}.`,
      [{ path: 'body', message: reason }],
    );
  }
}

/** Renders every part of a template version for one context. `template` names it in errors. */
export async function renderTemplateParts(
  content: TemplateContent,
  context: Record<string, unknown>,
  template: string,
): Promise<RenderedParts> {
  const plain = { escaping: 'none' as const, template };
  const subject =
    content.subject === undefined
      ? undefined
      : (await renderTemplate(content.subject, context, { ...plain, part: 'subject' })).trim();
  const withSubject = subject === undefined ? {} : { subject };
  const explicitText =
    content.textBody === undefined
      ? undefined
      : await renderTemplate(content.textBody, context, { ...plain, part: 'text' });

  if (isHtmlFormat(content.format)) {
    const rendered = await renderTemplate(content.body, context, { template, part: 'body' });
    const html = content.format === 'mjml' ? await compileMjml(rendered, template) : rendered;
    return { ...withSubject, html, text: explicitText ?? htmlToPlainText(html) };
  }
  const body = await renderTemplate(content.body, context, { ...plain, part: 'body' });
  if (content.format === 'json') {
    return { ...withSubject, text: body, body: parseRenderedJson(body, template) };
  }
  return { ...withSubject, text: explicitText ?? body };
}
