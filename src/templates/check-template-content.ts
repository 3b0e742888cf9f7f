/**
 * Save-time checks of a template version, so that errors reach the person editing rather than a campaign: every
 * Liquid part must parse (unknown filters included, thanks to strictFilters), MJML must be valid MJML, and the
 * parts must suit the channel (a subject is for email only).
 */
import { SegmintError } from '../errors.ts';
import type { TemplateChannel, TemplateContent } from '../schema/template.ts';
import { validateMjml } from './compile-mjml.ts';
import { parseLiquid } from './liquid-engine.ts';
import { toTemplateError } from './liquid-error.ts';

function checkLiquid(source: string, escaping: 'html' | 'none', template: string, part: string): void {
  try {
    parseLiquid(source, escaping);
  } catch (error) {
    throw toTemplateError(error, { template, part });
  }
}

export async function checkTemplateContent(
  channel: TemplateChannel,
  content: TemplateContent,
  template: string,
): Promise<void> {
  if (content.subject !== undefined && channel !== 'email') {
    throw new SegmintError(
      'invalid_input',
      `${template}: only email templates have a subject; leave it out for a ${channel} template.`,
      [{ path: 'subject', message: `not used by the ${channel} channel` }],
    );
  }
  if (content.subject === undefined && channel === 'email') {
    throw new SegmintError(
      'invalid_input',
      `${template}: an email template needs a subject (Liquid, e.g. "Welcome, {{ profile.first_name | default: 'friend' }}").`,
      [{ path: 'subject', message: 'required for email templates' }],
    );
  }
  if (content.subject !== undefined) checkLiquid(content.subject, 'none', template, 'subject');
  const bodyEscaping = content.format === 'html' || content.format === 'mjml' ? 'html' : 'none';
  checkLiquid(content.body, bodyEscaping, template, 'body');
  if (content.textBody !== undefined) checkLiquid(content.textBody, 'none', template, 'text');
  if (content.format === 'mjml') await validateMjml(content.body, template);
}
