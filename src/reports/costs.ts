/** Costs for ROI and CAC (table `costs`, see migration 012_reports): set, list, and the fixed costs by scope. */
import { z } from 'zod';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import type { SqlExecutor } from '../store/store.ts';

export const COST_SCOPES = ['channel', 'campaign', 'journey', 'acquisition'] as const;

export const costInputSchema = z
  .object({
    scope: z.enum(COST_SCOPES),
    /** The channel name, campaign id, journey id, or month (YYYY-MM) for acquisition spend. */
    scopeId: z.string().min(1).max(200),
    perMessage: z.number().min(0).max(1_000_000).default(0),
    fixed: z.number().min(0).max(1e12).default(0),
  })
  .refine((cost) => cost.scope !== 'acquisition' || /^\d{4}-(0[1-9]|1[0-2])$/.test(cost.scopeId), {
    message: 'acquisition spend is per month: give the month as YYYY-MM',
    path: ['scopeId'],
  });
export type CostInput = z.input<typeof costInputSchema>;
export type Cost = z.output<typeof costInputSchema> & { updatedAt: Date };

export async function setCost(
  executor: SqlExecutor,
  input: CostInput | Cost,
  now = new Date(),
): Promise<Cost> {
  const cost = parseOrThrow(costInputSchema, input, 'cost');
  await executor.execute('delete from costs where scope = $1 and scope_id = $2', [cost.scope, cost.scopeId]);
  await executor.execute(
    'insert into costs (scope, scope_id, per_message, fixed, updated_at) values ($1, $2, $3, $4, $5)',
    [cost.scope, cost.scopeId, cost.perMessage, cost.fixed, now],
  );
  return { ...cost, updatedAt: now };
}

export async function listCosts(executor: SqlExecutor): Promise<Cost[]> {
  const rows = await executor.query<{
    scope: Cost['scope'];
    scope_id: string;
    per_message: number;
    fixed: number;
    updated_at: Date;
  }>('select scope, scope_id, per_message, fixed, updated_at from costs order by scope, scope_id');
  return rows.map((row) => ({
    scope: row.scope,
    scopeId: row.scope_id,
    perMessage: Number(row.per_message),
    fixed: Number(row.fixed),
    updatedAt: row.updated_at,
  }));
}

/** Fixed costs keyed `scope:scopeId`. */
export async function fixedCostOf(executor: SqlExecutor): Promise<Map<string, number>> {
  const rows = await executor.query<{ scope: string; scope_id: string; fixed: number }>(
    'select scope, scope_id, fixed from costs where fixed > 0',
  );
  return new Map(rows.map((row) => [`${row.scope}:${row.scope_id}`, Number(row.fixed)]));
}
