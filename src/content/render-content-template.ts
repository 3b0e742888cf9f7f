/**
 * The Liquid adapter of content (slots, items, social posts): the shared engine of src/templates (strict filters,
 * lenient variables, render limits, no file access, parsed templates cached by source), with errors that name the
 * slot, block or item they come from.
 */
import { LiquidError, type Template } from 'liquidjs';
import { SegmintError } from '../errors.ts';
import { parseLiquid, renderLiquid, type LiquidEscaping } from '../templates/liquid-engine.ts';

export type ContentEscaping = LiquidEscaping;

function describe(error: unknown, where: string): SegmintError {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof LiquidError ? ' Fix the Liquid there.' : '';
  return new SegmintError('invalid_input', `${where}: ${message}.${hint}`, [{ path: where, message }]);
}

/** Parses (or takes from the cache) a template; a syntax error is `invalid_input` naming `where`. */
export function parseContentTemplate(source: string, escaping: ContentEscaping, where: string): Template[] {
  try {
    return parseLiquid(source, escaping);
  } catch (error) {
    throw describe(error, where);
  }
}

export async function renderContentTemplate(options: {
  source: string;
  scope: Record<string, unknown>;
  escaping: ContentEscaping;
  where: string;
}): Promise<string> {
  const templates = parseContentTemplate(options.source, options.escaping, options.where);
  try {
    return await renderLiquid(templates, options.scope, options.escaping);
  } catch (error) {
    throw describe(error, options.where);
  }
}
