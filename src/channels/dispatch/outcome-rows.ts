/**
 * The two statements recording outcomes on outbox rows: which of the rows are still ours (`sending`), and their
 * new status and content, set-wise for any number of rows.
 *
 * Why not one `update … returning`: on DuckDB, RETURNING makes the update several times slower (~75 ms instead of
 * ~15 ms for 100 rows with their content, .tmp/dispatch measurements), and the select also yields the columns the
 * tracking events need, which saved a third statement.
 */
import type { SqlExecutor } from '../../store/store.ts';
import type { OutboxMessageRef } from '../../tracking/tracking-event.ts';
import type { OutboxOutcome, OutcomeEntry } from './record-outcome.ts';

/**
 * The rows among `ids` still `sending`, i.e. claimed by us and not yet recorded. On PostgreSQL they are locked until
 * the transaction ends, so a dispatcher that took a row over after its lease ran out cannot record it meanwhile.
 */
export async function rowsStillSending(
  tx: SqlExecutor,
  ids: readonly string[],
): Promise<Map<string, OutboxMessageRef>> {
  if (ids.length === 0) return new Map();
  const lock = tx.dialect.name === 'postgres' ? 'for update' : '';
  const rows = await tx.query<OutboxMessageRef>(
    `select id, profile_id, channel, status, recipient, campaign_id, journey_id, node_id, template_id, variant,
            ${tx.dialect.jsonText('data', ['topic'])} as topic, sent_at
       from messages
      where id in (select unnest($1::varchar[])) and status = 'sending'
      order by id
      ${lock}`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

function lastErrorOf(outcome: OutboxOutcome): string | null {
  switch (outcome.status) {
    case 'sent':
      return null;
    case 'deferred':
    case 'failed':
    case 'skipped':
      return outcome.error.slice(0, 1000);
    case 'suppressed':
      return outcome.reason;
    default: {
      const unexpected: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * Each row's new status and, when rendered, the recipient, subject and content sent. List parameters cannot hold
 * nulls, so "no value" travels as '' (text) or -1 (epoch milliseconds) and becomes null again in SQL. An empty
 * subject is therefore not written over a stored one, which loses nothing.
 */
export async function updateOutcomeRows(tx: SqlExecutor, entries: readonly OutcomeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const text = (value: string | null | undefined) => value ?? '';
  const millis = (value: Date | null) => (value ? value.getTime() : -1);
  const { dialect } = tx;
  const timestamp = (column: string) =>
    `(case when ${column} < 0 then null else ${dialect.fromEpochMillis(column)} end)`;
  await tx.execute(
    `update messages
        set status = v.status,
            recipient = coalesce(nullif(v.recipient, ''), messages.recipient),
            subject = coalesce(nullif(v.subject, ''), messages.subject),
            content = coalesce(cast(nullif(v.content, '') as ${dialect.jsonType}), messages.content),
            attempts = messages.attempts - cast(v.uncounted as integer),
            next_attempt_at = ${timestamp('v.next_attempt_ms')},
            last_error = nullif(v.last_error, ''),
            provider_message_id = coalesce(nullif(v.provider_message_id, ''), messages.provider_message_id),
            sent_at = coalesce(${timestamp('v.sent_ms')}, messages.sent_at),
            updated_at = ${timestamp('v.updated_ms')}
       from (select unnest($1::varchar[]) as id, unnest($2::varchar[]) as status,
                    unnest($3::varchar[]) as recipient, unnest($4::varchar[]) as subject,
                    unnest($5::varchar[]) as content, unnest($6::double precision[]) as uncounted,
                    unnest($7::double precision[]) as next_attempt_ms, unnest($8::varchar[]) as last_error,
                    unnest($9::varchar[]) as provider_message_id, unnest($10::double precision[]) as sent_ms,
                    unnest($11::double precision[]) as updated_ms) v
      where messages.id = v.id and messages.status = 'sending'`,
    [
      entries.map((entry) => entry.id),
      entries.map((entry) => entry.outcome.status),
      entries.map((entry) => text(entry.message?.recipient)),
      entries.map((entry) => text(entry.message?.subject)),
      entries.map(({ message }) =>
        message
          ? JSON.stringify({ html: message.html ?? null, text: message.text, headers: message.headers ?? {} })
          : '',
      ),
      entries.map(({ outcome }) => (outcome.status === 'deferred' && !outcome.countsAsAttempt ? 1 : 0)),
      entries.map(({ outcome }) => millis(outcome.status === 'deferred' ? outcome.until : null)),
      entries.map(({ outcome }) => text(lastErrorOf(outcome))),
      entries.map(({ outcome }) => text(outcome.status === 'sent' ? outcome.providerMessageId : null)),
      entries.map(({ outcome, now }) => millis(outcome.status === 'sent' ? now : null)),
      entries.map(({ now }) => now.getTime()),
    ],
  );
}
