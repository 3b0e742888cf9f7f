/**
 * The shared LiquidJS instances. LiquidJS applies `outputEscape` when it parses a template, so HTML (and MJML)
 * bodies and plain parts (subjects, text bodies, JSON) need one instance each; both are built by the same function
 * and behave the same otherwise:
 * - `strictFilters`: a misspelt filter is an error when the template is saved, not a silently empty output;
 * - variables are lenient: a missing trait renders empty ("safe defaults"), `| default: "friend"` fills it in,
 *   and `| required` makes a missing value a render error instead of an email saying "Hi ,";
 * - limits on render time and memory, so one template cannot stall a campaign.
 * Parsed templates are cached by source: a campaign renders the same version for thousands of profiles.
 */
import { Liquid, type Template } from 'liquidjs';
import { SegmentTag } from './segment-tag.ts';

export type LiquidEscaping = 'html' | 'none';

/** Why the value was refused; the caller's error names the variable and the line. */
function requireValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') {
    throw new Error('required value is missing');
  }
  return value;
}

function createLiquid(escaping: LiquidEscaping): Liquid {
  const liquid = new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    // Templates come from the store, never from files: no {% include %} or {% render %} of local paths.
    relativeReference: false,
    root: [],
    partials: [],
    layouts: [],
    renderLimit: 2_000,
    memoryLimit: 50_000_000,
    ...(escaping === 'html' ? { outputEscape: 'escape' as const } : {}),
  });
  liquid.registerFilter('required', requireValue);
  liquid.registerTag('segment', SegmentTag);
  return liquid;
}

const LIQUID: Record<LiquidEscaping, Liquid> = { html: createLiquid('html'), none: createLiquid('none') };

const CACHE_LIMIT = 500;
const parsed = new Map<string, Template[]>();

/** Parses Liquid source (throws LiquidJS's ParseError with line and column), reusing earlier parses. */
export function parseLiquid(source: string, escaping: LiquidEscaping): Template[] {
  const key = `${escaping}\u0000${source}`;
  const cached = parsed.get(key);
  if (cached) return cached;
  const templates = LIQUID[escaping].parse(source);
  if (parsed.size >= CACHE_LIMIT) {
    const oldest = parsed.keys().next();
    if (!oldest.done) parsed.delete(oldest.value);
  }
  parsed.set(key, templates);
  return templates;
}

/** Renders parsed Liquid with `scope` as its variables (throws LiquidJS's RenderError with line and column). */
export async function renderLiquid(
  templates: Template[],
  scope: Record<string, unknown>,
  escaping: LiquidEscaping,
): Promise<string> {
  const output: unknown = await LIQUID[escaping].render(templates, scope);
  return typeof output === 'string' ? output : String(output);
}
