/**
 * Reads a journey typed into the dashboard (JSON or YAML; YAML is a superset of JSON, so one parser reads both)
 * and checks it with the same schema and graph checks as the server, so errors show while typing, each with the
 * path of the field or node at fault.
 */
import { parse as parseYaml } from 'yaml';
import type { ErrorDetail } from '../errors.ts';
import { findGraphProblems } from '../journeys/journey-graph.ts';
import { journeyDefinitionSchema, type JourneyDefinition } from '../schema/journey.ts';

export type JourneyDraftResult =
  { ok: true; definition: JourneyDefinition } | { ok: false; errors: ErrorDetail[] };

export function readJourneyDraft(text: string): JourneyDraftResult {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: 'text', message: error instanceof Error ? error.message : String(error) }],
    };
  }
  const parsed = journeyDefinitionSchema.safeParse(document);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: issue.path.length === 0 ? '(document)' : issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const problems = findGraphProblems(parsed.data);
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, definition: parsed.data };
}
