/**
 * Writes reference data into a store (replacing what the segment tests wrote before), so compiled SQL runs over
 * exactly what the reference evaluator sees.
 */
import type { SqlExecutor } from '../../store/store.ts';
import type { ReferenceData } from './evaluate-segment.ts';

const EVENT_COLUMNS = [
  'message_id', 'profile_id', 'type', 'event', 'name', 'category', 'user_id', 'anonymous_id', 'group_id',
  'previous_id', 'occurred_at', 'original_timestamp', 'sent_at', 'received_at', 'properties', 'traits', 'context',
  'source_id',
]; // prettier-ignore

export async function replaceReferenceData(store: SqlExecutor, data: ReferenceData): Promise<void> {
  await store.execute('delete from events');
  await store.execute('delete from profiles');
  await store.execute('delete from segment_members');
  const epoch = new Date('2020-01-01T00:00:00Z');
  await store.insertRows(
    'profiles',
    ['id', 'user_id', 'traits', 'computed', 'first_seen_at', 'last_seen_at', 'created_at', 'updated_at'],
    data.profiles.map((profile) => [
      profile.id,
      null,
      JSON.stringify(profile.traits),
      JSON.stringify(profile.computed),
      epoch,
      epoch,
      epoch,
      epoch,
    ]),
  );
  await store.insertRows(
    'events',
    EVENT_COLUMNS,
    data.events.map((event, index) => [
      `m${index}`,
      event.profileId,
      event.type,
      event.event,
      event.name,
      null,
      null,
      null,
      null,
      null,
      event.occurredAt,
      null,
      null,
      event.occurredAt,
      JSON.stringify(event.properties),
      null,
      null,
      null,
    ]),
  );
  const members = [...(data.segmentMembers ?? new Map<string, ReadonlySet<string>>())].flatMap(
    ([segmentId, ids]) => [...ids].map((profileId) => [segmentId, profileId, epoch]),
  );
  await store.insertRows('segment_members', ['segment_id', 'profile_id', 'entered_at'], members);
}
