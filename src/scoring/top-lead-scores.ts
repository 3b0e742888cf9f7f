/** The highest lead scores with who they belong to, for `scoring show`. */
import { LEAD_SCORE_TRAIT } from '../schema/lead-score.ts';
import type { SqlExecutor } from '../store/store.ts';

export interface LeadScoreEntry {
  profileId: string;
  userId: string | null;
  email: string | null;
  score: number;
}

export async function listTopLeadScores(executor: SqlExecutor, limit: number): Promise<LeadScoreEntry[]> {
  const { dialect } = executor;
  const score = dialect.tryCastDouble(dialect.jsonText('computed', [LEAD_SCORE_TRAIT]));
  const rows = await executor.query<{
    id: string;
    user_id: string | null;
    email: string | null;
    score: number;
  }>(
    `select id, user_id, ${dialect.jsonText('traits', ['email'])} as email, ${score} as score
       from profiles where ${score} is not null
      order by score desc, id limit $1`,
    [Math.max(1, Math.min(10_000, Math.trunc(limit)))],
  );
  return rows.map((row) => ({
    profileId: row.id,
    userId: row.user_id,
    email: row.email,
    score: Number(row.score),
  }));
}
