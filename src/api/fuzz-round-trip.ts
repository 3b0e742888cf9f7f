/**
 * Round trip of a valid message through the tracking API (fuzz tests and benchmarks only): SQL and template
 * injections, emoji, right-to-left marks and `__proto__` keys must be accepted and stored verbatim — data, never
 * code.
 */
import { isDeepStrictEqual } from 'node:util';
import { FuzzViolation, jsonOf, type FuzzTarget } from './fuzz-target.ts';
import type { ValidMessage } from './fuzz-inputs.ts';

type EventRow = {
  type: string;
  event: string | null;
  name: string | null;
  category: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  previous_id: string | null;
  occurred_at: Date;
  properties: unknown;
  traits: unknown;
};

/** What the events row must hold: ids and names trimmed, JSON as JSON.parse reads it back. */
function expectedRow(message: ValidMessage): Omit<EventRow, 'occurred_at'> & { occurred_at: number } {
  const id = (value: string | number | undefined) => (value === undefined ? null : String(value).trim());
  const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
  return {
    type: message.type,
    event: message.type === 'track' ? message.event.trim() : null,
    name: message.type === 'page' || message.type === 'screen' ? message.name.trim() : null,
    category: message.type === 'page' || message.type === 'screen' ? message.category.trim() : null,
    user_id: id(message.userId),
    anonymous_id: id(message.anonymousId),
    group_id: message.type === 'group' ? id(message.groupId) : null,
    previous_id: message.type === 'alias' ? id(message.previousId) : null,
    occurred_at: new Date(message.timestamp).getTime(),
    properties: 'properties' in message ? json(message.properties) : null,
    traits: 'traits' in message ? json(message.traits) : null,
  };
}

/** Sends a valid message to its endpoint and checks it is accepted and stored exactly as sent. */
export async function checkValidMessageRoundTrip(target: FuzzTarget, message: ValidMessage): Promise<void> {
  const what = `POST /v1/${message.type} (valid)`;
  const response = await target.app.inject({
    method: 'POST',
    url: `/v1/${message.type}`,
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${target.writeKey}:`).toString('base64')}`,
    },
    payload: JSON.stringify(message),
  });
  if (response.statusCode !== 200) {
    throw new FuzzViolation(
      `${what}: a valid message got ${response.statusCode}: ${response.body.slice(0, 300)}`,
    );
  }
  if (jsonOf(response, what).stored !== 1) return; // the random messageId was seen before: a duplicate
  const [row] = await target.store.query<EventRow>(
    `select type, event, name, category, user_id, anonymous_id, group_id, previous_id, occurred_at, properties, traits
       from events where message_id = $1`,
    [message.messageId],
  );
  if (!row) throw new FuzzViolation(`${what}: acknowledged as stored but not in events`);
  const stored = { ...row, occurred_at: row.occurred_at.getTime() };
  const expected = expectedRow(message);
  if (!isDeepStrictEqual(stored, expected)) {
    throw new FuzzViolation(
      `${what}: stored differently from what was sent:\n  stored   ${JSON.stringify(stored)}\n  expected ${JSON.stringify(expected)}`,
    );
  }
}
