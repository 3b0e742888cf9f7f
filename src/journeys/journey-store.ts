/**
 * Journeys and their versions in the store. Saving a definition under an existing name appends a version and makes
 * it current: new entries use it, live runs stay on the version they started on.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SegmintError } from '../errors.ts';
import { journeyDefinitionSchema, type JourneyDefinition } from '../schema/journey.ts';
import type { SqlExecutor, Store } from '../store/store.ts';
import { requireValidJourney } from './validate-journey.ts';

export const JOURNEY_STATUSES = ['active', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export interface Journey {
  id: string;
  name: string;
  status: JourneyStatus;
  currentVersion: number;
  triggerCursor: Date;
  createdAt: Date;
  updatedAt: Date;
}

const journeyRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(JOURNEY_STATUSES),
  current_version: z.coerce.number(),
  trigger_cursor: z.date(),
  created_at: z.date(),
  updated_at: z.date(),
});
const JOURNEY_COLUMNS = 'id, name, status, current_version, trigger_cursor, created_at, updated_at';

function toJourney(row: unknown): Journey {
  const parsed = journeyRowSchema.parse(row);
  return {
    id: parsed.id,
    name: parsed.name,
    status: parsed.status,
    currentVersion: parsed.current_version,
    triggerCursor: parsed.trigger_cursor,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
  };
}

/** DuckDB returns JSON columns as text, PostgreSQL (jsonb) as parsed values. */
export function readJsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export async function listJourneys(executor: SqlExecutor): Promise<Journey[]> {
  return (await executor.query(`select ${JOURNEY_COLUMNS} from journeys order by name`)).map(toJourney);
}

export async function findJourney(executor: SqlExecutor, idOrName: string): Promise<Journey | undefined> {
  const [row] = await executor.query(
    `select ${JOURNEY_COLUMNS} from journeys where id = $1 or name = $1 order by (id = $1) desc limit 1`,
    [idOrName],
  );
  return row === undefined ? undefined : toJourney(row);
}

export async function requireJourney(executor: SqlExecutor, idOrName: string): Promise<Journey> {
  const journey = await findJourney(executor, idOrName);
  if (journey) return journey;
  throw new SegmintError(
    'not_found',
    `Journey "${idOrName}" does not exist. List the journeys with \`segmint journeys list\`.`,
  );
}

/** One version's definition (checked again: it may have been written by an older Segmint). */
export async function loadJourneyVersion(
  executor: SqlExecutor,
  journeyId: string,
  version: number,
): Promise<JourneyDefinition> {
  const [row] = await executor.query<{ definition: unknown }>(
    'select definition from journey_versions where journey_id = $1 and version = $2',
    [journeyId, version],
  );
  if (!row) {
    throw new SegmintError('not_found', `Journey ${journeyId} has no version ${version}.`);
  }
  return journeyDefinitionSchema.parse(readJsonColumn(row.definition));
}

export interface SavedJourney {
  journey: Journey;
  version: number;
  /** False when the name existed and a new version was added. */
  created: boolean;
}

/**
 * Validates and saves a definition: a new journey (active) or, when its name exists, a new version of it.
 * An archived journey cannot get new versions (`conflict`).
 */
export async function saveJourney(
  store: Store,
  input: unknown,
  options: { now: Date },
): Promise<SavedJourney> {
  const definition = await requireValidJourney(store, input);
  const { now } = options;
  const saved = await store.transaction(async (tx) => {
    const existing = await findJourneyByName(tx, definition.name);
    if (existing?.status === 'archived') {
      throw new SegmintError(
        'conflict',
        `Journey "${definition.name}" is archived and cannot be edited. Save the definition under a new name.`,
      );
    }
    const id = existing?.id ?? `jrn_${randomUUID()}`;
    const version = (existing?.currentVersion ?? 0) + 1;
    if (existing) {
      await tx.execute('update journeys set current_version = $2, updated_at = $3 where id = $1', [
        id,
        version,
        now,
      ]);
    } else {
      await tx.execute(
        `insert into journeys (id, name, status, current_version, trigger_cursor, created_at, updated_at)
         values ($1, $2, 'active', 1, $3, $3, $3)`,
        [id, definition.name, now],
      );
    }
    await tx.execute(
      'insert into journey_versions (journey_id, version, definition, created_at) values ($1, $2, $3, $4)',
      [id, version, JSON.stringify(definition), now],
    );
    return { id, version, created: !existing };
  });
  return { journey: await requireJourney(store, saved.id), version: saved.version, created: saved.created };
}

async function findJourneyByName(executor: SqlExecutor, name: string): Promise<Journey | undefined> {
  const [row] = await executor.query(`select ${JOURNEY_COLUMNS} from journeys where name = $1`, [name]);
  return row === undefined ? undefined : toJourney(row);
}
