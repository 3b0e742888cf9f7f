/** Reading the outbox and the captured emails, for `segmint messages …` and `GET /api/messages…`. */
import type { CapturedEmail, ListCapturedQuery, ListMessagesQuery } from '../../schema/email.ts';
import type { SqlExecutor } from '../../store/store.ts';

export interface OutboxMessageSummary {
  id: string;
  profileId: string;
  channel: string;
  status: string;
  recipient: string | null;
  subject: string | null;
  templateId: string | null;
  campaignId: string | null;
  journeyId: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type MessageRow = {
  id: string;
  profile_id: string;
  channel: string;
  status: string;
  recipient: string | null;
  subject: string | null;
  template_id: string | null;
  campaign_id: string | null;
  journey_id: string | null;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export async function listMessages(
  executor: SqlExecutor,
  query: ListMessagesQuery,
): Promise<OutboxMessageSummary[]> {
  const rows = await executor.query<MessageRow>(
    `select id, profile_id, channel, status, recipient, subject, template_id, campaign_id, journey_id, attempts,
            next_attempt_at, last_error, sent_at, created_at, updated_at
       from messages
      where ($1::varchar is null or status = $1) and ($2::varchar is null or profile_id = $2)
      order by updated_at desc, id
      limit $3`,
    [query.status ?? null, query.profile ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    profileId: row.profile_id,
    channel: row.channel,
    status: row.status,
    recipient: row.recipient,
    subject: row.subject,
    templateId: row.template_id,
    campaignId: row.campaign_id,
    journeyId: row.journey_id,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

type CapturedRow = {
  message_id: string;
  profile_id: string;
  recipient: string;
  sender: string;
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  raw: string;
  captured_at: Date;
};

export async function listCapturedEmails(
  executor: SqlExecutor,
  query: ListCapturedQuery,
): Promise<CapturedEmail[]> {
  const rows = await executor.query<CapturedRow>(
    `select message_id, profile_id, recipient, sender, subject, html, text, headers, raw, captured_at
       from captured_emails
      where $1::varchar is null or lower(recipient) = lower($1)
      order by captured_at desc, message_id
      limit $2`,
    [query.to ?? null, query.limit],
  );
  return rows.map((row) => ({
    messageId: row.message_id,
    profileId: row.profile_id,
    recipient: row.recipient,
    sender: row.sender,
    subject: row.subject,
    html: row.html,
    text: row.text,
    headers: row.headers,
    raw: row.raw,
    capturedAt: row.captured_at,
  }));
}
