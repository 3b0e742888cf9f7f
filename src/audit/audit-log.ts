/**
 * The audit log: one row per administrative change — who (API key id and name, or the CLI user), what (action),
 * on what (target kind and id), and details that never include request bodies (they may carry personal data).
 */
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../store/store.ts';

export type AuditEntry = {
  id: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  occurredAt: Date;
};

export async function recordAudit(
  executor: SqlExecutor,
  entry: Omit<AuditEntry, 'id' | 'occurredAt' | 'details' | 'targetKind' | 'targetId' | 'actorId'> & {
    actorId?: string | null;
    targetKind?: string | null;
    targetId?: string | null;
    details?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await executor.execute(
    `insert into audit_log (id, actor_id, actor_name, action, target_kind, target_id, details, occurred_at)
     values ($1, $2, $3, $4, $5, $6, cast($7 as ${executor.dialect.jsonType}), $8)`,
    [
      randomUUID(),
      entry.actorId ?? null,
      entry.actorName,
      entry.action,
      entry.targetKind ?? null,
      entry.targetId ?? null,
      JSON.stringify(entry.details ?? {}),
      entry.at,
    ],
  );
}

export async function listAudit(
  executor: SqlExecutor,
  options: { since?: Date | undefined; limit?: number | undefined } = {},
): Promise<AuditEntry[]> {
  const rows = await executor.query<{
    id: string;
    actor_id: string | null;
    actor_name: string;
    action: string;
    target_kind: string | null;
    target_id: string | null;
    details: Record<string, unknown>;
    occurred_at: Date;
  }>(`select * from audit_log where occurred_at >= $1 order by occurred_at desc, id limit $2`, [
    options.since ?? new Date(0),
    options.limit ?? 200,
  ]);
  return rows.map((row) => ({
    id: row.id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    details: row.details,
    occurredAt: row.occurred_at,
  }));
}
