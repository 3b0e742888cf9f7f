import type { TimestampFormat } from '../cleanse/timestamp-format.ts';
import type { JsonObject } from '../../schema/json.ts';
import { cleanRowFields } from './clean-row-fields.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { MappedRow } from './mapped-row.ts';
import { readId, readMessageId, readTimestamp } from './message-columns.ts';
import { missingIssue } from './row-values.ts';

export interface RowMappingOptions {
  timestampFormat: TimestampFormat;
  defaultCountry?: string | undefined;
}

/**
 * A profile row becomes an `identify`: the user id from `--id-column`, every other column a trait. A row without
 * a user id is rejected (`missing customer_id`): an identify nobody can be found by would be lost.
 */
export function mapProfileRow(row: JsonObject, plan: ColumnPlan, options: RowMappingOptions): MappedRow {
  const idColumn = plan.columnOf.userId ?? 'user id';
  const userId = readId(row, plan.columnOf.userId);
  if (!userId.ok) return userId;
  if (userId.value === undefined) return { ok: false, issue: missingIssue(idColumn) };
  const messageId = readMessageId(row, plan);
  if (!messageId.ok) return messageId;
  const timestamp = readTimestamp(row, plan, options.timestampFormat);
  if (!timestamp.ok) return timestamp;
  const traits = cleanRowFields(row, plan, options.defaultCountry);
  if (!traits.ok) return traits;
  const message: JsonObject = { type: 'identify', userId: userId.value, traits: traits.fields };
  if (timestamp.value !== undefined) message.timestamp = timestamp.value;
  return { ok: true, message, messageId: messageId.value, warnings: traits.warnings };
}
