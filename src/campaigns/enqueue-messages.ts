/**
 * Enqueuing a campaign: the segment's members are resolved when the campaign fires (not when it was saved), then
 * one `messages` row per member is inserted with id `campaign:<campaignId>:<profileId>` in batches, each batch in
 * its own transaction, leaving out every profile that already has a message of the campaign. Re-running an enqueue
 * (after a crash, on a second worker, for the A/B remainder) therefore never sends a profile a second message.
 */
import type { CampaignDefinition, CampaignSchedule } from '../schema/campaign.ts';
import type { JsonObject } from '../schema/json.ts';
import { compileSegment } from '../segments/compile/compile-segment.ts';
import { indexSegments, readSavedSegments, requireSavedSegment } from '../segments/saved/saved-segment.ts';
import type { Dialect } from '../store/dialect.ts';
import type { SqlExecutor, Store } from '../store/store.ts';
import type { TemplateRef } from './find-template.ts';
import { localTimeToUtc, resolveTimeZone } from './local-send-time.ts';

/** Rows per insert transaction: big enough to be fast, small enough not to hold DuckDB's single writer for long. */
export const ENQUEUE_BATCH_SIZE = 10_000;

export interface AudienceMember {
  profileId: string;
  /** The profile's `timezone` trait as stored (may be missing or not a zone). */
  timeZone: string | null;
}

/** The members of the segment as of `now`, by profile id, evaluated fresh (materialised membership may be stale). */
export async function resolveAudience(
  executor: SqlExecutor,
  segmentNameOrId: string,
  now: Date,
): Promise<AudienceMember[]> {
  const segment = await requireSavedSegment(executor, segmentNameOrId);
  const lookup = indexSegments(await readSavedSegments(executor));
  const query = compileSegment(segment.definition, {
    dialect: executor.dialect,
    now,
    resolveSegmentId: (nameOrId) => lookup(nameOrId)?.id,
  });
  const rows = await executor.query<{ profile_id: string; time_zone: string | null }>(
    `select m.profile_id, ${executor.dialect.jsonText('p.traits', ['timezone'])} as time_zone
       from (${query.sql}) m join profiles p on p.id = m.profile_id
      order by m.profile_id`,
    query.params,
  );
  return rows.map((row) => ({ profileId: row.profile_id, timeZone: row.time_zone }));
}

/** What one member gets: the variant label (null without a test), its template and subject override. */
export interface MessageChoice {
  variant: string | null;
  template: TemplateRef;
  subject: string | undefined;
}

/**
 * When each member's message is due: now, or the schedule's local time in the member's zone if that is later.
 * Computed once per distinct zone value (profiles share a handful of zones; Intl conversions are not free).
 */
export function sendTimeResolver(schedule: CampaignSchedule, now: Date): (member: AudienceMember) => Date {
  if (schedule.type !== 'local_time') return () => now;
  const byZone = new Map<string | null, Date>();
  return (member) => {
    let due = byZone.get(member.timeZone);
    if (!due) {
      const local = localTimeToUtc(
        schedule.localTime,
        resolveTimeZone(member.timeZone, schedule.fallbackTimeZone),
      );
      due = local > now ? local : now;
      byZone.set(member.timeZone, due);
    }
    return due;
  };
}

export function campaignMessageId(campaignId: string, profileId: string): string {
  return `campaign:${campaignId}:${profileId}`;
}

function messageData(definition: CampaignDefinition, choice: MessageChoice): string | null {
  const subject = choice.subject ?? definition.subject;
  const data: JsonObject = { ...definition.data, ...(subject === undefined ? {} : { subject }) };
  return Object.keys(data).length === 0 ? null : JSON.stringify(data);
}

export interface EnqueueInput {
  campaignId: string;
  definition: CampaignDefinition;
  members: readonly AudienceMember[];
  /** The message for one member, or null to leave the member out (e.g. the A/B remainder while testing). */
  choose: (member: AudienceMember) => MessageChoice | null;
  now: Date;
}

/**
 * One insert statement per batch and choice: the choice's columns are scalars, the members' ids and due times lists.
 * Rows whose profile or id already has a message of the campaign are left out by the anti-joins. On DuckDB (one
 * writer, the check runs in the inserting transaction) nothing else can conflict, and `on conflict` would cost 4×
 * the insert; PostgreSQL workers may race, so there a conflict is skipped.
 */
function insertChoiceSql(dialect: Dialect): string {
  return `insert into messages (id, profile_id, channel, template_id, template_version, campaign_id, variant, data,
                                status, attempts, next_attempt_at, created_at, updated_at)
          select 'campaign:' || $1 || ':' || r.profile_id, r.profile_id, $4, $5, $6, $1, $7,
                 cast($8 as ${dialect.jsonType}), 'queued', 0, ${dialect.fromEpochMillis('r.due_ms')}, $9, $9
            from (select unnest($2::varchar[]) as profile_id, unnest($3::double precision[]) as due_ms) r
           where not exists (select 1 from messages m where m.campaign_id = $1 and m.profile_id = r.profile_id)
             and not exists (select 1 from messages m where m.id = 'campaign:' || $1 || ':' || r.profile_id)
          ${dialect.name === 'postgres' ? 'on conflict do nothing' : ''}`;
}

interface ChoiceGroup {
  choice: MessageChoice;
  profileIds: string[];
  dueMillis: number[];
}

/** The members that get a message, grouped by what they get (one group per variant). */
function groupByChoice(input: EnqueueInput, members: readonly AudienceMember[]): ChoiceGroup[] {
  const groups = new Map<string, ChoiceGroup>();
  const sendTimeOf = sendTimeResolver(input.definition.schedule, input.now);
  for (const member of members) {
    const choice = input.choose(member);
    if (!choice) continue;
    const key = JSON.stringify([choice.variant, choice.template.id, choice.subject]);
    let group = groups.get(key);
    if (!group) {
      group = { choice, profileIds: [], dueMillis: [] };
      groups.set(key, group);
    }
    group.profileIds.push(member.profileId);
    group.dueMillis.push(sendTimeOf(member).getTime());
  }
  return [...groups.values()];
}

/**
 * Inserts the chosen messages in batches, set-wise in SQL; returns how many rows were new. A member who already
 * has a message of this campaign gets none, also when it sits under another id (a profile merge moves messages
 * to the survivor under their old id). Each batch first checks (and on PostgreSQL locks) that the campaign is
 * still sending, so a cancel stops the enqueue between batches.
 */
export async function enqueueCampaignMessages(
  store: Store,
  input: EnqueueInput,
): Promise<{ inserted: number; stopped: boolean }> {
  let inserted = 0;
  for (let start = 0; start < input.members.length; start += ENQUEUE_BATCH_SIZE) {
    const groups = groupByChoice(input, input.members.slice(start, start + ENQUEUE_BATCH_SIZE));
    const added = await store.transaction(async (tx) => {
      const sending = await tx.execute(
        `update campaigns set updated_at = updated_at where id = $1 and status = 'sending'`,
        [input.campaignId],
      );
      if (sending === 0) return null;
      let count = 0;
      for (const { choice, profileIds, dueMillis } of groups) {
        count += await tx.execute(insertChoiceSql(tx.dialect), [
          input.campaignId,
          profileIds,
          dueMillis,
          choice.template.channel,
          choice.template.id,
          choice.template.currentVersion,
          choice.variant,
          messageData(input.definition, choice),
          input.now,
        ]);
      }
      return count;
    });
    if (added === null) return { inserted, stopped: true };
    inserted += added;
  }
  return { inserted, stopped: false };
}
