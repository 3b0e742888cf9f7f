/** Builders for messages in tests: raw Segment JSON in, normalised messages out. */
import { normalizeMessage } from '../ingest/normalize-message.ts';
import type { NormalizedMessage } from '../schema/messages.ts';

let sequence = 0;

export function normalized(
  raw: Record<string, unknown>,
  receivedAt = new Date('2025-01-01T12:00:00Z'),
): NormalizedMessage {
  sequence += 1;
  const result = normalizeMessage(
    {
      messageId: `test-${sequence}`,
      timestamp: new Date(receivedAt.getTime() - 1000 * (1000 - sequence)).toISOString(),
      ...raw,
    },
    { receivedAt, sourceId: null, path: 'message' },
  );
  if (!result.ok) throw new Error(`invalid test message: ${JSON.stringify(result.errors)}`);
  return result.message;
}
