/**
 * The `models` table: every fit of a named model (`clv`, `churn`, `recommendations`) is stored as a new version
 * with what scoring needs (`params`) and what the fit measured (`metrics`). Readers take the highest version, so a
 * refit replaces the model atomically for the next reader and earlier versions stay for comparison.
 */
import type { z } from 'zod';
import { SegmintError } from '../../errors.ts';
import type { SqlExecutor } from '../../store/store.ts';

export interface StoredModel {
  name: string;
  version: number;
  kind: string;
  params: unknown;
  metrics: unknown;
  trainedAt: Date;
}

export interface NewModel {
  name: string;
  kind: string;
  params: unknown;
  metrics: unknown;
  trainedAt: Date;
}

type ModelRow = {
  name: string;
  version: number;
  kind: string;
  params: unknown;
  metrics: unknown;
  trained_at: Date;
};

function toStoredModel(row: ModelRow): StoredModel {
  return {
    name: row.name,
    version: Number(row.version),
    kind: row.kind,
    params: row.params,
    metrics: row.metrics,
    trainedAt: row.trained_at,
  };
}

/** Stores `model` as the next version of its name; call inside the transaction that writes its results. */
export async function saveModel(tx: SqlExecutor, model: NewModel): Promise<StoredModel> {
  const [latest] = await tx.query<{ version: number | null }>(
    'select max(version) as version from models where name = $1',
    [model.name],
  );
  const version = Number(latest?.version ?? 0) + 1;
  const { jsonType } = tx.dialect;
  await tx.execute(
    `insert into models (name, version, kind, params, metrics, trained_at)
     values ($1, $2, $3, cast($4 as ${jsonType}), cast($5 as ${jsonType}), $6)`,
    [
      model.name,
      version,
      model.kind,
      JSON.stringify(model.params),
      JSON.stringify(model.metrics),
      model.trainedAt,
    ],
  );
  return { ...model, version };
}

/** The highest version of the named model, or undefined when it was never fitted. */
export async function loadLatestModel(executor: SqlExecutor, name: string): Promise<StoredModel | undefined> {
  const [row] = await executor.query<ModelRow>(
    `select name, version, kind, params, metrics, trained_at from models
      where name = $1 order by version desc limit 1`,
    [name],
  );
  return row ? toStoredModel(row) : undefined;
}

/**
 * The latest model's params validated by `schema`. A missing model is `not_found` with `hint` saying how to fit
 * one; params that no longer match the schema (written by an older release) ask for a refit the same way.
 */
export async function loadModelParams<T extends z.ZodType>(options: {
  executor: SqlExecutor;
  name: string;
  schema: T;
  hint: string;
}): Promise<{ model: StoredModel; params: z.output<T> }> {
  const model = await loadLatestModel(options.executor, options.name);
  if (!model)
    throw new SegmintError('not_found', `No '${options.name}' model is stored yet. ${options.hint}`);
  const parsed = options.schema.safeParse(model.params);
  if (!parsed.success) {
    throw new SegmintError(
      'conflict',
      `The stored '${options.name}' model (version ${model.version}) has parameters this version cannot read. ${options.hint}`,
      parsed.error.issues.map((issue) => ({
        path: ['params', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  return { model, params: parsed.data };
}

/** Every stored version, newest first (for `segmint … models` listings and the dashboard). */
export async function listModels(executor: SqlExecutor, name?: string): Promise<StoredModel[]> {
  const rows = await executor.query<ModelRow>(
    `select name, version, kind, params, metrics, trained_at from models
      ${name === undefined ? '' : 'where name = $1'} order by name, version desc`,
    name === undefined ? [] : [name],
  );
  return rows.map(toStoredModel);
}
