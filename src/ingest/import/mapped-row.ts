import type { JsonObject } from '../../schema/json.ts';
import type { RowIssue } from './source-row.ts';

/**
 * A row turned into a raw Segment message (validated later by `normalizeMessage`). `messageId` is set when the
 * file has a message id column; otherwise the importer derives one from the message's content.
 */
export type MappedRow =
  | { ok: true; message: JsonObject; messageId: string | undefined; warnings: RowIssue[] }
  | { ok: false; issue: RowIssue };
