/**
 * The import loop shared by profiles and events. The whole file is imported in ONE store transaction, batch by
 * batch (read → clean → map → validate → commit): memory holds about two batches, and a crash, an error or a
 * `--strict` rejection anywhere leaves the store exactly as it was. Rows repeated within the file are recognised by
 * their message id (`FingerprintSet`); rows already stored by a lookup of each batch's ids.
 *
 * On DuckDB the transaction holds the single writer for the length of the import: API writes wait until it ends.
 */
import { SegmintError } from '../../errors.ts';
import type { NormalizedMessage } from '../../schema/messages.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { commitMessages } from '../commit-messages.ts';
import { FingerprintSet } from './fingerprint-set.ts';
import type { ImportFile } from './import-file.ts';
import type { ImportSummary } from './import-summary.ts';
import { IssueTally } from './issue-tally.ts';
import { rowToMessage, type RowConversion } from './row-to-message.ts';
import type { RowIssue, SourceRow } from './source-row.ts';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export interface RunImportRequest {
  kind: ImportSummary['kind'];
  store: Store;
  file: ImportFile;
  conversion: Omit<RowConversion, 'receivedAt'>;
  strict: boolean;
  batchSize: number;
  reportLimit: number;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

interface Tallies {
  rowsRead: number;
  imported: number;
  rejected: IssueTally;
  warnings: IssueTally;
  inFile: number;
  alreadyStored: number;
  profilesCreated: number;
  profilesMerged: number;
}

export async function runImport(request: RunImportRequest): Promise<ImportSummary> {
  const startedAt = performance.now();
  const conversion: RowConversion = { ...request.conversion, receivedAt: new Date() };
  const tallies: Tallies = {
    rowsRead: 0,
    imported: 0,
    rejected: new IssueTally(request.reportLimit),
    warnings: new IssueTally(request.reportLimit),
    inFile: 0,
    alreadyStored: 0,
    profilesCreated: 0,
    profilesMerged: 0,
  };
  await request.store.transaction((tx) => importInto(tx, request, conversion, tallies));
  const elapsedMs = performance.now() - startedAt;
  return {
    kind: request.kind,
    file: request.file.path,
    format: request.file.format,
    rowsRead: tallies.rowsRead,
    imported: tallies.imported,
    rejected: tallies.rejected.report(),
    warnings: tallies.warnings.report(),
    duplicates: { inFile: tallies.inFile, alreadyStored: tallies.alreadyStored },
    profilesCreated: tallies.profilesCreated,
    profilesMerged: tallies.profilesMerged,
    elapsedMs,
    rowsPerSecond: elapsedMs > 0 ? (tallies.rowsRead * 1000) / elapsedMs : 0,
  };
}

/**
 * While the store writes one batch (DuckDB works on its own threads), the next batch is read and cleaned, so the
 * two overlap. A batch's commit never rejects unseen: its outcome is awaited before the next commit starts and
 * before the transaction ends, because the transaction must not commit or roll back while a write is under way.
 */
async function importInto(
  tx: SqlExecutor,
  request: RunImportRequest,
  conversion: RowConversion,
  tallies: Tallies,
): Promise<void> {
  const seen = new FingerprintSet();
  const reader = request.file.open(request.batchSize);
  let previousCommit: Promise<Settled> = Promise.resolve({ failed: false });
  try {
    for await (const batch of reader.batches) {
      const messages = await convertBatch(batch, conversion, seen, request.strict, tallies);
      await throwIfFailed(previousCommit);
      previousCommit = settle(commitBatch(tx, messages, tallies));
      request.onProgress?.({
        bytesRead: reader.bytesRead(),
        totalBytes: request.file.sizeBytes,
        rowsRead: tallies.rowsRead,
      });
    }
  } catch (error) {
    await previousCommit;
    throw error;
  }
  await throwIfFailed(previousCommit);
}

/** Rows converted between two looks at the event loop. */
const ROWS_PER_SLICE = 500;

/**
 * The batch's new messages; rejected rows and rows repeated within the file are counted and left out. Converting
 * yields to the event loop every few hundred rows: the commit of the previous batch is a chain of statements, and
 * each one can only start the next when the main thread is free.
 */
async function convertBatch(
  batch: readonly SourceRow[],
  conversion: RowConversion,
  seen: FingerprintSet,
  strict: boolean,
  tallies: Tallies,
): Promise<NormalizedMessage[]> {
  const messages: NormalizedMessage[] = [];
  for (const [index, source] of batch.entries()) {
    if (index > 0 && index % ROWS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    tallies.rowsRead += 1;
    const outcome = toMessage(source, conversion);
    if (!outcome.ok) {
      if (strict) throw strictRejection(source.row, outcome.issue);
      tallies.rejected.add(source.row, outcome.issue);
      continue;
    }
    for (const warning of outcome.warnings) tallies.warnings.add(source.row, warning);
    if (seen.add(outcome.message.messageId)) messages.push(outcome.message);
    else tallies.inFile += 1;
  }
  return messages;
}

async function commitBatch(tx: SqlExecutor, messages: NormalizedMessage[], tallies: Tallies): Promise<void> {
  const fresh = await withoutStoredMessages(tx, messages);
  tallies.alreadyStored += messages.length - fresh.length;
  if (fresh.length === 0) return;
  const result = await commitMessages(tx, fresh);
  tallies.imported += result.stored;
  tallies.alreadyStored += result.duplicates;
  tallies.profilesCreated += result.profilesCreated;
  tallies.profilesMerged += result.profilesMerged;
}

/**
 * Leaves out messages whose id is already stored. `commitMessages` would skip them too, but only after resolving
 * their identities; one lookup per batch makes re-importing a file cheap. Ids this import stored in earlier
 * batches cannot match: the fingerprint set has already counted their repeats as duplicates within the file.
 */
async function withoutStoredMessages(
  tx: SqlExecutor,
  messages: NormalizedMessage[],
): Promise<NormalizedMessage[]> {
  if (messages.length === 0) return messages;
  const stored = await tx.query<{ message_id: string }>(
    'select message_id from events where message_id in (select unnest($1::varchar[]))',
    [messages.map((message) => message.messageId)],
  );
  if (stored.length === 0) return messages;
  const storedIds = new Set(stored.map((row) => row.message_id));
  return messages.filter((message) => !storedIds.has(message.messageId));
}

type Settled = { failed: false } | { failed: true; error: unknown };

function settle(work: Promise<void>): Promise<Settled> {
  return work.then(
    (): Settled => ({ failed: false }),
    (error: unknown): Settled => ({ failed: true, error }),
  );
}

async function throwIfFailed(commit: Promise<Settled>): Promise<void> {
  const outcome = await commit;
  if (outcome.failed) throw outcome.error;
}

function toMessage(source: SourceRow, conversion: RowConversion): ReturnType<typeof rowToMessage> {
  return 'issue' in source
    ? { ok: false, issue: source.issue }
    : rowToMessage(source.fields, source.row, conversion);
}

function strictRejection(row: number, issue: RowIssue): SegmintError {
  return new SegmintError(
    'invalid_input',
    `row ${row}: ${issue.reason}; nothing was imported (--strict rejects the whole file)`,
    [{ path: `row ${row}`, message: issue.reason }],
  );
}
