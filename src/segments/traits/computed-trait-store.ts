/**
 * Saving, reading and deleting computed traits (table `computed_traits`). A definition is validated and compiled
 * for the store's dialect when saved; saving again under the same name makes a new version. A trait a saved
 * segment reads cannot be deleted (the segment would silently read a missing value).
 */
import { z } from 'zod';
import { SegmintError } from '../../errors.ts';
import {
  COMPUTED_TRAIT_SCHEMA_VERSION,
  computedTraitDefinitionSchema,
  computedTraitNameSchema,
  type ComputedTraitDefinition,
  type SavedComputedTrait,
} from '../../schema/computed-trait.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Condition } from '../../schema/segment.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { readSavedSegments } from '../saved/saved-segment.ts';
import { compileComputedTrait } from './compile-computed-trait.ts';
import { parseComputedTraitText, printComputedTraitText } from './computed-trait-text.ts';

export const saveComputedTraitInputSchema = z
  .object({
    name: computedTraitNameSchema,
    /** The text form, e.g. `sum(purchase.amount, 365d)`. */
    text: z.string().optional(),
    /** The definition as JSON (`schemaVersion`, `expression`). */
    definition: z.unknown().optional(),
  })
  .refine((input) => (input.text === undefined) !== (input.definition === undefined), {
    message: 'give the computed trait either as text or as a definition, not both and not neither',
  });
export type SaveComputedTraitInput = z.input<typeof saveComputedTraitInputSchema>;

interface ComputedTraitRow {
  name: string;
  definition: unknown;
  text: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  refreshed_at: Date | null;
}

function toSaved(row: ComputedTraitRow): SavedComputedTrait {
  const definition = parseOrThrow(
    computedTraitDefinitionSchema,
    typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition,
    `computed trait "${row.name}" definition`,
  );
  return {
    name: row.name,
    definition,
    text: row.text ?? printComputedTraitText(definition.expression),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    refreshedAt: row.refreshed_at,
  };
}

export async function listComputedTraits(executor: SqlExecutor): Promise<SavedComputedTrait[]> {
  const rows = await executor.query<ComputedTraitRow & Record<string, unknown>>(
    'select * from computed_traits order by name',
  );
  return rows.map(toSaved);
}

/** The names segments may use without the `computed.` prefix. */
export async function listComputedTraitNames(executor: SqlExecutor): Promise<string[]> {
  const rows = await executor.query<{ name: string }>('select name from computed_traits order by name');
  return rows.map((row) => row.name);
}

export async function getComputedTrait(executor: SqlExecutor, name: string): Promise<SavedComputedTrait> {
  const rows = await executor.query<ComputedTraitRow & Record<string, unknown>>(
    'select * from computed_traits where name = $1',
    [name],
  );
  const row = rows[0];
  if (!row) {
    throw new SegmintError(
      'not_found',
      `No computed trait named "${name}". List them with \`segmint traits list\`.`,
    );
  }
  return toSaved(row);
}

function readDefinition(input: z.output<typeof saveComputedTraitInputSchema>): ComputedTraitDefinition {
  if (input.text !== undefined) {
    return { schemaVersion: COMPUTED_TRAIT_SCHEMA_VERSION, expression: parseComputedTraitText(input.text) };
  }
  return parseOrThrow(computedTraitDefinitionSchema, input.definition, 'definition');
}

/** Creates the trait, or a new version of it when the name exists. Values are computed by a refresh. */
export async function saveComputedTrait(
  store: Store,
  input: SaveComputedTraitInput,
  options: { now?: Date } = {},
): Promise<SavedComputedTrait> {
  const parsed = parseOrThrow(saveComputedTraitInputSchema, input, 'computed trait');
  const definition = readDefinition(parsed);
  const now = options.now ?? new Date();
  // Compiling now turns a construct the engine cannot run into an error at save time.
  compileComputedTrait(definition.expression, { dialect: store.dialect, now });
  const text = printComputedTraitText(definition.expression);
  await store.transaction(async (tx) => {
    const changed = await tx.execute(
      `update computed_traits set definition = $2, text = $3, version = version + 1, updated_at = $4,
         refreshed_at = null where name = $1`,
      [parsed.name, JSON.stringify(definition), text, now],
    );
    if (changed === 0) {
      await tx.execute(
        `insert into computed_traits (name, definition, text, version, created_at, updated_at, refreshed_at)
         values ($1, $2, $3, 1, $4, $4, null)`,
        [parsed.name, JSON.stringify(definition), text, now],
      );
    }
  });
  return getComputedTrait(store, parsed.name);
}

function readsComputedTrait(condition: Condition, name: string): boolean {
  switch (condition.type) {
    case 'and':
    case 'or':
      return condition.conditions.some((child) => readsComputedTrait(child, name));
    case 'not':
      return readsComputedTrait(condition.condition, name);
    case 'trait':
      return condition.field.source === 'computed' && condition.field.path[0] === name;
    default:
      return false;
  }
}

/** Deletes the trait and its values on every profile. */
export async function deleteComputedTrait(store: Store, name: string): Promise<void> {
  await store.transaction(async (tx) => {
    await getComputedTrait(tx, name);
    const users = (await readSavedSegments(tx)).filter((segment) =>
      readsComputedTrait(segment.definition.condition, name),
    );
    if (users.length > 0) {
      throw new SegmintError(
        'conflict',
        `Computed trait "${name}" is used by segment${users.length > 1 ? 's' : ''} ${users.map((s) => `"${s.name}"`).join(', ')}: change or delete ${users.length > 1 ? 'them' : 'it'} first.`,
      );
    }
    await tx.execute('delete from computed_traits where name = $1', [name]);
    await tx.execute(`update profiles set computed = ${tx.dialect.jsonWithoutKey('computed', name)}`);
  });
}
