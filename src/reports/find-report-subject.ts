/** Looks up what a report is about by id or name, with an error that says how to list the candidates. */
import { SegmintError } from '../errors.ts';
import type { SqlExecutor } from '../store/store.ts';

const SUBJECTS = {
  campaign: { table: 'campaigns', list: 'segmint campaigns list' },
  journey: { table: 'journeys', list: 'segmint journeys list' },
  template: { table: 'templates', list: 'segmint templates list' },
  segment: { table: 'segments', list: 'segmint segments list' },
} as const;

export type ReportSubjectKind = keyof typeof SUBJECTS;

export async function findReportSubject(
  executor: SqlExecutor,
  kind: ReportSubjectKind,
  idOrName: string,
): Promise<{ id: string; name: string }> {
  const { table, list } = SUBJECTS[kind];
  const rows = await executor.query<{ id: string; name: string }>(
    `select id, name from ${table} where id = $1 or name = $1 order by case when id = $1 then 0 else 1 end limit 1`,
    [idOrName],
  );
  const row = rows[0];
  if (!row)
    throw new SegmintError(
      'not_found',
      `No ${kind} with id or name "${idOrName}". List them with \`${list}\`.`,
    );
  return row;
}
