import type { JsonObject } from '../../schema/json.ts';
import { cleanRowFields } from './clean-row-fields.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { RowMappingOptions } from './map-profile-row.ts';
import type { MappedRow } from './mapped-row.ts';
import { readId, readMessageId, readRequiredText, readTimestamp } from './message-columns.ts';
import { missingIssue } from './row-values.ts';

/**
 * An event row becomes a `track`: the event name from `--event` or `--event-column`, the user from `--id-column`
 * and/or `--anonymous-id-column`, the time from `--timestamp-column`, every other column a property (with
 * `amount` = price × quantity when those columns are given). A row with neither id is rejected with the id
 * column's name (`missing CustomerID`): Segment needs one, and an event that belongs to nobody cannot be
 * segmented.
 */
export function mapEventRow(row: JsonObject, plan: ColumnPlan, options: RowMappingOptions): MappedRow {
  const userId = readId(row, plan.columnOf.userId);
  if (!userId.ok) return userId;
  const anonymousId = readId(row, plan.columnOf.anonymousId);
  if (!anonymousId.ok) return anonymousId;
  if (userId.value === undefined && anonymousId.value === undefined) {
    const idColumns = [plan.columnOf.userId, plan.columnOf.anonymousId].filter(
      (column) => column !== undefined,
    );
    return { ok: false, issue: missingIssue(...idColumns) };
  }
  const event =
    plan.event === undefined ? readEventColumn(row, plan) : { ok: true as const, value: plan.event };
  if (!event.ok) return event;
  const messageId = readMessageId(row, plan);
  if (!messageId.ok) return messageId;
  const timestamp = readTimestamp(row, plan, options.timestampFormat);
  if (!timestamp.ok) return timestamp;
  const properties = cleanRowFields(row, plan, options.defaultCountry);
  if (!properties.ok) return properties;
  const message: JsonObject = { type: 'track', event: event.value ?? '', properties: properties.fields };
  if (userId.value !== undefined) message.userId = userId.value;
  if (anonymousId.value !== undefined) message.anonymousId = anonymousId.value;
  if (timestamp.value !== undefined) message.timestamp = timestamp.value;
  return { ok: true, message, messageId: messageId.value, warnings: properties.warnings };
}

function readEventColumn(row: JsonObject, plan: ColumnPlan): ReturnType<typeof readRequiredText> {
  const column = plan.columnOf.event;
  return column === undefined
    ? { ok: false, issue: missingIssue('event name') }
    : readRequiredText(row, column);
}
