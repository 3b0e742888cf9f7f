/**
 * MJML → responsive HTML. Templates are checked strictly when saved (unknown tags and attributes, wrong nesting,
 * with their line numbers) and compiled leniently when rendered, since a saved template has already passed.
 *
 * Liquid runs before MJML (Liquid may produce MJML), so the save-time check blanks out Liquid markup first:
 * each `{{ … }}` and `{% … %}` becomes spaces (newlines kept), which keeps MJML's line numbers equal to the
 * source's and keeps the content of every branch and loop in view of the validator. A blanked value is not a
 * valid colour or size, so "invalid value" findings on lines holding Liquid are left to the rendered output.
 */
import mjml2html from 'mjml';
import { SegmintError } from '../errors.ts';

const LIQUID_MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

export function blankOutLiquid(source: string): string {
  return source.replace(LIQUID_MARKUP, (markup) => markup.replace(/[^\n]/g, ' '));
}

/** Throws `invalid_input` listing each MJML problem with its line. `where` names the template. */
export async function validateMjml(source: string, where: string): Promise<void> {
  let errors: { line: number; message: string }[];
  try {
    errors = (await mjml2html(blankOutLiquid(source), { validationLevel: 'soft', ignoreIncludes: true }))
      .errors;
  } catch (error) {
    // mjml throws (rather than listing errors) when the markup is not XML-like at all.
    const message = error instanceof Error ? error.message : String(error);
    throw new SegmintError(
      'invalid_input',
      `${where}: the MJML cannot be parsed (${message}). An MJML body starts with <mjml><mj-body>.`,
      [{ path: 'body', message }],
    );
  }
  const linesWithLiquid = new Set(
    source.split('\n').flatMap((line, index) => (/\{\{|\{%/.test(line) ? [index + 1] : [])),
  );
  const findings = errors.filter(
    (error) => !(linesWithLiquid.has(error.line) && /has invalid value/.test(error.message)),
  );
  if (findings.length === 0) return;
  const details = findings.map((error) => ({ path: `body:${error.line}`, message: error.message }));
  throw new SegmintError(
    'invalid_input',
    `${where}: invalid MJML: ${details.map((detail) => `line ${detail.path.slice(5)}: ${detail.message}`).join('; ')}. See https://documentation.mjml.io for the tags and attributes.`,
    details,
  );
}

/** Compiles MJML that has already been validated (and rendered through Liquid) into HTML. */
export async function compileMjml(source: string, where: string): Promise<string> {
  try {
    const result = await mjml2html(source, {
      validationLevel: 'skip',
      ignoreIncludes: true,
      keepComments: false,
    });
    return result.html;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SegmintError(
      'invalid_input',
      `${where}: the rendered MJML cannot be compiled (${message}). Check that variables do not insert broken markup.`,
      [{ path: 'body', message }],
    );
  }
}
