/**
 * Turns one raw message from the API or an import into a `NormalizedMessage`: schema validation, message id,
 * and Segment's clock-skew correction.
 *
 * Clock skew (as Segment does it): a device's clock may be wrong, but the difference between its `sentAt` and the
 * event's own timestamp is right. So `timestamp = receivedAt − (sentAt − originalTimestamp)` when `sentAt` is
 * known; otherwise the message's timestamp, or the time it was received.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isNestedDeeperThan, MAX_JSON_DEPTH } from '../schema/json.ts';
import {
  isStorableTimestamp,
  messageSchema,
  MAX_MESSAGE_BYTES,
  type NormalizedMessage,
} from '../schema/messages.ts';
import type { ErrorDetail } from '../errors.ts';

export interface NormalizeContext {
  receivedAt: Date;
  /** `sentAt` of the enclosing batch, used when the message has none of its own. */
  batchSentAt?: Date | undefined;
  /** `context` of the enclosing batch, merged under the message's own context. */
  batchContext?: Record<string, unknown> | undefined;
  sourceId: string | null;
  /** Where the message sits, for error paths: `batch[3]`, `row 17`. */
  path: string;
}

export type NormalizeResult = { ok: true; message: NormalizedMessage } | { ok: false; errors: ErrorDetail[] };

function issuePath(base: string, issue: z.core.$ZodIssue): string {
  return issue.path.reduce<string>(
    (path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${String(key)}`),
    base,
  );
}

/**
 * A message without a messageId gets one derived from its content when it carries its own timestamp, so an
 * identical retry is stored once; without a timestamp two identical messages may be two real events, so each gets
 * a random id.
 */
function deriveMessageId(raw: unknown, hasTimestamp: boolean): string {
  if (!hasTimestamp) return randomUUID();
  return `h-${createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32)}`;
}

export function normalizeMessage(raw: unknown, context: NormalizeContext): NormalizeResult {
  // Measured before JSON.stringify below, which recurses and overflows the stack (a 500) on a message nested a few
  // thousand levels deep. The message is one level above its properties, which may nest MAX_JSON_DEPTH levels.
  if (isNestedDeeperThan(raw, MAX_JSON_DEPTH + 1)) {
    return {
      ok: false,
      errors: [{ path: context.path, message: `nests more than ${MAX_JSON_DEPTH} levels deep` }],
    };
  }
  const size = Buffer.byteLength(JSON.stringify(raw) ?? '');
  if (size > MAX_MESSAGE_BYTES) {
    return {
      ok: false,
      errors: [
        {
          path: context.path,
          message: `message is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES} bytes (32 KB) per message`,
        },
      ],
    };
  }
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: issuePath(context.path, issue),
        message: issue.message,
      })),
    };
  }
  const message = parsed.data;
  const sentAt = message.sentAt ?? context.batchSentAt ?? null;
  const originalTimestamp = message.originalTimestamp ?? message.timestamp ?? null;
  let timestamp: Date;
  if (sentAt && originalTimestamp) {
    timestamp = new Date(context.receivedAt.getTime() - (sentAt.getTime() - originalTimestamp.getTime()));
  } else {
    timestamp = originalTimestamp ?? context.receivedAt;
  }
  if (!isStorableTimestamp(timestamp)) {
    // Both dates were valid, but so far apart that the corrected time leaves what the store can hold.
    const year = Number.isNaN(timestamp.getTime())
      ? 'no valid date'
      : `the year ${timestamp.getUTCFullYear()}`;
    return {
      ok: false,
      errors: [
        {
          path: `${context.path}.sentAt`,
          message: `correcting the clock skew (receivedAt − (sentAt − timestamp)) gives ${year}, outside the years 0001–9999: check sentAt and timestamp`,
        },
      ],
    };
  }
  const mergedContext =
    context.batchContext || message.context ? { ...context.batchContext, ...message.context } : null;
  return {
    ok: true,
    message: {
      messageId: message.messageId ?? deriveMessageId(raw, originalTimestamp !== null),
      type: message.type,
      userId: message.userId ?? null,
      anonymousId: message.anonymousId ?? null,
      event: message.type === 'track' ? message.event : null,
      name: message.type === 'page' || message.type === 'screen' ? (message.name ?? null) : null,
      category: message.type === 'page' || message.type === 'screen' ? (message.category ?? null) : null,
      groupId: message.type === 'group' ? message.groupId : null,
      previousId: message.type === 'alias' ? message.previousId : null,
      timestamp,
      originalTimestamp,
      sentAt,
      receivedAt: context.receivedAt,
      properties:
        message.type === 'track' || message.type === 'page' || message.type === 'screen'
          ? (message.properties ?? {})
          : null,
      traits: message.type === 'identify' || message.type === 'group' ? (message.traits ?? {}) : null,
      context: mergedContext,
      sourceId: context.sourceId,
    },
  };
}
