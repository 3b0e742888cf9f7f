/** The log of privacy requests: what was asked about whom (a salted hash), by whom, and when it was done. */
import { randomUUID } from 'node:crypto';
import type { PrivacyRequest, PrivacyRequestKind } from '../schema/privacy.ts';
import type { SqlExecutor } from '../store/store.ts';

export function newRequestId(): string {
  return randomUUID();
}

export async function recordPrivacyRequest(
  tx: SqlExecutor,
  request: {
    id: string;
    kind: PrivacyRequestKind;
    subjectHash: string;
    requestedBy: string;
    requestedAt: Date;
    completedAt: Date;
    summary: Record<string, unknown>;
  },
): Promise<void> {
  await tx.execute(
    `insert into privacy_requests (id, kind, subject_hash, status, requested_by, requested_at, completed_at, summary)
     values ($1, $2, $3, 'completed', $4, $5, $6, cast($7 as ${tx.dialect.jsonType}))`,
    [
      request.id,
      request.kind,
      request.subjectHash,
      request.requestedBy,
      request.requestedAt,
      request.completedAt,
      JSON.stringify(request.summary),
    ],
  );
}

export async function listPrivacyRequests(
  executor: SqlExecutor,
  options: { limit?: number } = {},
): Promise<PrivacyRequest[]> {
  const rows = await executor.query<{
    id: string;
    kind: PrivacyRequestKind;
    subject_hash: string;
    status: 'completed' | 'failed';
    requested_by: string;
    requested_at: Date;
    completed_at: Date | null;
    summary: Record<string, unknown> | null;
  }>('select * from privacy_requests order by requested_at desc, id limit $1', [options.limit ?? 100]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    subjectHash: row.subject_hash,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    completedAt: row.completed_at,
    summary: row.summary,
  }));
}
