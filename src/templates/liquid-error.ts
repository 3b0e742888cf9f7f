/**
 * Turns a LiquidJS error into a SegmintError that names the template, the part (subject, body, text), the line and
 * column, and the variable or filter at fault, with the markup quoted, so a marketer can find and fix it.
 */
import { LiquidError } from 'liquidjs';
import { SegmintError } from '../errors.ts';

/** Which template and part of it: `template "welcome" version 2` + `body`, or `draft` + `subject`. */
export interface TemplateLocation {
  template: string;
  part: string;
}

/** The variable an output or tag works on: `{{ profile.first_name | required }}` → `profile.first_name`. */
export function variableOfMarkup(markup: string): string | undefined {
  const output = /^\{\{-?\s*([^|}]*?)\s*(\||-?\}\})/.exec(markup);
  if (output?.[1]) return output[1];
  const forTag = /^\{%-?\s*for\s+\w+\s+in\s+([^\s%]+)/.exec(markup);
  if (forTag?.[1]) return forTag[1];
  const tag = /^\{%-?\s*(?:if|unless|elsif|case|segment|assign\s+\w+\s*=)\s+([^\s%|]+)/.exec(markup);
  return tag?.[1];
}

/** LiquidJS appends ", line:3, col:5" to its messages; the location is reported separately. */
function stripPosition(message: string): string {
  return message.replace(/, line:\d+, col:\d+$/, '').split('\n')[0] ?? message;
}

/** A LiquidJS error as a SegmintError; anything else (a bug, not the template's fault) is returned unchanged. */
export function toTemplateError(error: unknown, location: TemplateLocation): unknown {
  if (!LiquidError.is(error)) return error;
  const where = `${location.template}, ${location.part}`;
  const token = error.token;
  const [line, column] = token.getPosition();
  const fullMarkup = token.getText();
  const markup = fullMarkup.length > 120 ? `${fullMarkup.slice(0, 117)}...` : fullMarkup;
  const variable = variableOfMarkup(fullMarkup);
  const cause =
    error.originalError instanceof Error ? error.originalError.message : stripPosition(error.message);
  const fault = variable === undefined ? '' : ` (variable ${variable})`;
  const hint =
    error.name === 'ParseError' || error.name === 'TokenizationError'
      ? 'Fix the Liquid syntax there.'
      : `Fix the template there${variable === undefined ? '' : `, or give ${variable} a fallback with | default: "…"`}.`;
  return new SegmintError(
    'invalid_input',
    `${where}, line ${line}, column ${column}: ${cause} in ${markup}${fault}. ${hint}`,
    [{ path: `${location.part}:${line}:${column}`, message: `${cause}${fault}` }],
  );
}
