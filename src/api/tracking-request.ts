/**
 * Parsing of Segment tracking requests: the write key (HTTP Basic username, or `writeKey` in the body as
 * analytics.js may send it) and the messages of a single call or a batch, validated all-or-nothing.
 */
import { SegmintError, type ErrorDetail } from '../errors.ts';
import { normalizeMessage } from '../ingest/normalize-message.ts';
import {
  batchSchema,
  MAX_BATCH_BYTES,
  MESSAGE_TYPES,
  type MessageType,
  type NormalizedMessage,
} from '../schema/messages.ts';

export function writeKeyFrom(authorization: string | undefined, body: unknown): string | undefined {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
    const username = decoded.split(':')[0];
    if (username) return username;
  }
  if (body && typeof body === 'object' && 'writeKey' in body && typeof body.writeKey === 'string')
    return body.writeKey;
  return undefined;
}

const MAX_REPORTED_ERRORS = 20;

function invalid(details: ErrorDetail[], what: string): SegmintError {
  const shown = details.slice(0, MAX_REPORTED_ERRORS);
  const more = details.length > shown.length ? ` (and ${details.length - shown.length} more)` : '';
  const first = shown[0];
  return new SegmintError(
    'invalid_input',
    `${what} was rejected and nothing was stored: ${first ? `${first.path}: ${first.message}` : 'invalid'}${more}. Fix the message(s) and send again.`,
    shown,
  );
}

export function parseSingleMessage(options: {
  type: MessageType;
  body: unknown;
  receivedAt: Date;
  sourceId: string;
}): NormalizedMessage {
  const { body } = options;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new SegmintError(
      'invalid_input',
      `The body of /v1/${options.type} must be a JSON object (a Segment ${options.type} call).`,
    );
  }
  const declared = 'type' in body ? body.type : undefined;
  if (declared !== undefined && declared !== options.type) {
    // Never String(declared): a deeply nested array overflows the stack in Array.prototype.toString (a 500).
    const isKnownType = MESSAGE_TYPES.some((type) => type === declared);
    const where = isKnownType
      ? `Send it to /v1/${String(declared)} or /v1/batch.`
      : `A type must be one of ${MESSAGE_TYPES.join(', ')}.`;
    const kind = Array.isArray(declared) ? 'list' : typeof declared;
    const shown =
      typeof declared === 'string'
        ? `'${declared.slice(0, 50)}'`
        : declared === null
          ? 'null'
          : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
    throw new SegmintError(
      'invalid_input',
      `This is /v1/${options.type} but the message says type ${shown}. ${where}`,
    );
  }
  const result = normalizeMessage(
    { ...body, type: options.type },
    { receivedAt: options.receivedAt, sourceId: options.sourceId, path: options.type },
  );
  if (!result.ok) throw invalid(result.errors, `The ${options.type} call`);
  return result.message;
}

export function parseBatch(options: {
  body: unknown;
  rawBytes: number;
  receivedAt: Date;
  sourceId: string;
}): NormalizedMessage[] {
  if (options.rawBytes > MAX_BATCH_BYTES) {
    throw new SegmintError(
      'payload_too_large',
      `The batch is ${options.rawBytes} bytes; the limit is ${MAX_BATCH_BYTES} bytes (500 KB). Split it into smaller batches.`,
    );
  }
  const parsed = batchSchema.safeParse(options.body);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((issue) => ({
        path: ['batch', ...issue.path].join('.').replace(/^batch\.batch/, 'batch'),
        message: issue.message,
      })),
      'The batch',
    );
  }
  const messages: NormalizedMessage[] = [];
  const errors: ErrorDetail[] = [];
  parsed.data.batch.forEach((raw, index) => {
    const result = normalizeMessage(raw, {
      receivedAt: options.receivedAt,
      batchSentAt: parsed.data.sentAt,
      batchContext: parsed.data.context,
      sourceId: options.sourceId,
      path: `batch[${index}]`,
    });
    if (result.ok) messages.push(result.message);
    else errors.push(...result.errors);
  });
  if (errors.length > 0) throw invalid(errors, 'The batch');
  return messages;
}
