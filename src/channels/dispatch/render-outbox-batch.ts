/**
 * Renders a batch of claimed outbox rows set-wise: the email recipients in one query, and each template version
 * with one `renderMessages` call (five queries) for all its rows rather than five queries per row. A row without a
 * valid address is skipped; a template error fails only its rows (a missing template: all of the version's rows).
 */
import { isSegmintError } from '../../errors.ts';
import { normalizeEmailIdentity } from '../../ingest/identity-keys.ts';
import type { SqlExecutor } from '../../store/store.ts';
import type { ClaimedMessage } from './claim-due-messages.ts';
import type { RenderedContent, RenderMessagesFunction } from './dispatch-ports.ts';
import {
  inlineContentOf,
  outboxMessageOf,
  templateVariables,
  textField,
  withRowOverrides,
  type OutboxRendering,
  type TrackingSettings,
} from './render-outbox-message.ts';

type ContentResult = { ok: true; content: RenderedContent } | Extract<OutboxRendering, { ok: false }>;

/** Recipient per row id: an email's is `data.recipient` or the profile's `email` trait; others' the profile id. */
async function recipientsOf(
  executor: SqlExecutor,
  rows: readonly ClaimedMessage[],
): Promise<Map<string, string | null>> {
  const emailProfiles = [
    ...new Set(rows.filter((row) => row.channel === 'email').map((row) => row.profile_id)),
  ];
  const traits = new Map(
    emailProfiles.length === 0
      ? []
      : (
          await executor.query<{ id: string; traits: Record<string, unknown> }>(
            'select id, traits from profiles where id in (select unnest($1::varchar[]))',
            [emailProfiles],
          )
        ).map((profile) => [profile.id, profile.traits]),
  );
  return new Map(
    rows.map((row) => {
      const explicit = textField(row.data, 'recipient');
      if (row.channel !== 'email') return [row.id, explicit ?? row.profile_id];
      return [row.id, normalizeEmailIdentity(explicit ?? traits.get(row.profile_id)?.email)];
    }),
  );
}

/**
 * Rows of one template version, split so that no call names a profile twice (a context is built per profile,
 * while each row has its own `message.*` data, e.g. its unsubscribe link).
 */
function renderGroups(rows: readonly ClaimedMessage[]): ClaimedMessage[][] {
  const groups = new Map<string, { rows: ClaimedMessage[]; profiles: Set<string> }[]>();
  for (const row of rows) {
    const key = `${row.template_id ?? ''}\u0000${row.template_version ?? ''}`;
    const calls = groups.get(key) ?? [];
    groups.set(key, calls);
    const call = calls.find((candidate) => !candidate.profiles.has(row.profile_id));
    if (call) {
      call.rows.push(row);
      call.profiles.add(row.profile_id);
    } else {
      calls.push({ rows: [row], profiles: new Set([row.profile_id]) });
    }
  }
  return [...groups.values()].flat().map((call) => call.rows);
}

async function renderGroup(
  executor: SqlExecutor,
  rows: readonly ClaimedMessage[],
  options: { renderMessages: RenderMessagesFunction; tracking: TrackingSettings },
): Promise<ContentResult[]> {
  const [first] = rows;
  if (first?.template_id == null) return [];
  try {
    const results = await options.renderMessages(executor, {
      templateId: first.template_id,
      ...(first.template_version === null ? {} : { version: first.template_version }),
      profiles: rows.map((row) => ({
        profileId: row.profile_id,
        data: templateVariables(row, options.tracking),
      })),
    });
    return rows.map((row, index): ContentResult => {
      const result = results[index];
      if (!result)
        return { ok: false, status: 'error', error: new Error('the renderer returned too few results') };
      if (!result.ok) return { ok: false, status: 'failed', error: result.error.message };
      return { ok: true, content: withRowOverrides(row, result.message) };
    });
  } catch (error) {
    // A Segmint error (no such template or version) is permanent for these rows; anything else is retried.
    if (isSegmintError(error)) return rows.map(() => ({ ok: false, status: 'failed', error: error.message }));
    return rows.map(() => ({ ok: false, status: 'error', error }));
  }
}

/** One rendering per row id. */
export async function renderOutboxMessages(
  executor: SqlExecutor,
  rows: readonly ClaimedMessage[],
  options: { renderMessages: RenderMessagesFunction; tracking: TrackingSettings },
): Promise<Map<string, OutboxRendering>> {
  const recipients = await recipientsOf(executor, rows);
  const renderings = new Map<string, OutboxRendering>();
  const contents = new Map<string, ContentResult>();
  const addressed = rows.filter((row) => {
    if (recipients.get(row.id)) return true;
    renderings.set(row.id, { ok: false, status: 'skipped', error: 'the profile has no valid email address' });
    return false;
  });
  for (const row of addressed.filter((candidate) => candidate.template_id === null)) {
    const content = inlineContentOf(row);
    contents.set(
      row.id,
      typeof content === 'string' ? { ok: false, status: 'failed', error: content } : { ok: true, content },
    );
  }
  for (const group of renderGroups(addressed.filter((row) => row.template_id !== null))) {
    const results = await renderGroup(executor, group, options);
    group.forEach((row, index) => {
      const result = results[index];
      if (result) contents.set(row.id, result);
    });
  }
  for (const row of addressed) {
    const content = contents.get(row.id);
    const recipient = recipients.get(row.id);
    if (!content || !recipient) continue;
    renderings.set(
      row.id,
      content.ok
        ? { ok: true, message: outboxMessageOf(row, recipient, content.content, options.tracking) }
        : content,
    );
  }
  return renderings;
}
