/**
 * One file row → one validated `NormalizedMessage` (or the reason it is rejected). Flat rows go through the
 * column plan and a mapper; JSONL objects that already are Segment messages (a `type` such as `track`) are used
 * as they are, with a derived messageId when they have none.
 */
import { MESSAGE_TYPES, type NormalizedMessage } from '../../schema/messages.ts';
import type { JsonObject } from '../../schema/json.ts';
import { normalizeMessage } from '../normalize-message.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { RowMappingOptions } from './map-profile-row.ts';
import type { MappedRow } from './mapped-row.ts';
import { canonicalJson, deriveMessageId } from './message-id.ts';
import type { RowIssue } from './source-row.ts';

export type RowMessage =
  { ok: true; message: NormalizedMessage; warnings: RowIssue[] } | { ok: false; issue: RowIssue };

export interface RowConversion {
  /** Whether JSONL objects with a Segment `type` are taken as messages (never for CSV). */
  acceptsSegmentMessages: boolean;
  /** The column plan, built from the first flat row's columns. */
  planFor(columns: readonly string[]): ColumnPlan;
  mapRow(row: JsonObject, plan: ColumnPlan, options: RowMappingOptions): MappedRow;
  mapping: RowMappingOptions;
  /** When the import started: the `receivedAt` of every message that does not bring its own. */
  receivedAt: Date;
}

export function rowToMessage(fields: JsonObject, row: number, conversion: RowConversion): RowMessage {
  if (conversion.acceptsSegmentMessages && isSegmentMessage(fields)) {
    const raw =
      fields.messageId === undefined
        ? { ...fields, messageId: deriveMessageId(canonicalJson(fields)) }
        : fields;
    return normalize(raw, row, receivedAtOf(fields) ?? conversion.receivedAt, []);
  }
  const mapped = conversion.mapRow(fields, conversion.planFor(Object.keys(fields)), conversion.mapping);
  if (!mapped.ok) return mapped;
  // The id is derived before it is added: it hashes the content only. The mapper's object is ours to complete.
  mapped.message.messageId = mapped.messageId ?? deriveMessageId(JSON.stringify(mapped.message));
  return normalize(mapped.message, row, conversion.receivedAt, mapped.warnings);
}

function isSegmentMessage(fields: JsonObject): boolean {
  const type = fields.type;
  return typeof type === 'string' && MESSAGE_TYPES.some((known) => known === type);
}

/**
 * A message exported from Segment carries the `receivedAt` that its clock-skew correction was computed with;
 * reusing it reproduces the original `timestamp` instead of moving the event to the day of the import.
 */
function receivedAtOf(fields: JsonObject): Date | undefined {
  const value = fields.receivedAt;
  const date = typeof value === 'string' ? new Date(value) : undefined;
  return date !== undefined && !Number.isNaN(date.getTime()) ? date : undefined;
}

function normalize(raw: JsonObject, row: number, receivedAt: Date, warnings: RowIssue[]): RowMessage {
  const path = `row ${row}`;
  const result = normalizeMessage(raw, { receivedAt, sourceId: null, path });
  if (result.ok) return { ok: true, message: result.message, warnings };
  const [first] = result.errors;
  const field = first?.path.slice(path.length).replace(/^\./, '') || 'message';
  const reason = `invalid ${field}: ${first?.message ?? 'rejected by the message schema'}`;
  return { ok: false, issue: { kind: reason, reason } };
}
