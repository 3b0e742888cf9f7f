/**
 * The Liquid adapter of content (slots, items, social posts). It is LiquidJS set up as src/templates does (strict
 * filters, lenient variables, render limits, no file access); swap it for src/templates' `renderTemplate` once
 * that module exports one. Parsed templates are cached by source: a slot renders the same blocks for every visitor.
 */
import { Liquid, LiquidError, type Template } from 'liquidjs';
import { SegmintError } from '../errors.ts';

export type ContentEscaping = 'html' | 'none';

function createLiquid(escaping: ContentEscaping): Liquid {
  return new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    relativeReference: false,
    root: [],
    partials: [],
    layouts: [],
    renderLimit: 1_000,
    memoryLimit: 20_000_000,
    ...(escaping === 'html' ? { outputEscape: 'escape' as const } : {}),
  });
}

const LIQUID: Record<ContentEscaping, Liquid> = { html: createLiquid('html'), none: createLiquid('none') };
const CACHE_LIMIT = 1000;
const parsedTemplates = new Map<string, Template[]>();

function describe(error: unknown, where: string): SegmintError {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof LiquidError ? ' Fix the Liquid there.' : '';
  return new SegmintError('invalid_input', `${where}: ${message}.${hint}`, [{ path: where, message }]);
}

/** Parses (or takes from the cache) a template; a syntax error is `invalid_input` naming `where`. */
export function parseContentTemplate(source: string, escaping: ContentEscaping, where: string): Template[] {
  const key = `${escaping}\u0000${source}`;
  const cached = parsedTemplates.get(key);
  if (cached) return cached;
  let templates: Template[];
  try {
    templates = LIQUID[escaping].parse(source);
  } catch (error) {
    throw describe(error, where);
  }
  if (parsedTemplates.size >= CACHE_LIMIT) {
    const oldest = parsedTemplates.keys().next();
    if (!oldest.done) parsedTemplates.delete(oldest.value);
  }
  parsedTemplates.set(key, templates);
  return templates;
}

export async function renderContentTemplate(options: {
  source: string;
  scope: Record<string, unknown>;
  escaping: ContentEscaping;
  where: string;
}): Promise<string> {
  const templates = parseContentTemplate(options.source, options.escaping, options.where);
  try {
    const output: unknown = await LIQUID[options.escaping].render(templates, options.scope);
    return typeof output === 'string' ? output : String(output);
  } catch (error) {
    throw describe(error, options.where);
  }
}
