/**
 * `segmint privacy export|erase|requests|unsuppress` (GDPR/CCPA requests), plus the other governance command groups
 * (`retention`, `audit`), registered together so main.ts wires privacy in with one line.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { recordAudit } from '../../audit/audit-log.ts';
import { SegmintError } from '../../errors.ts';
import { erasePerson } from '../../privacy/erase-person.ts';
import { unsuppressIdentity } from '../../privacy/erasure-suppressions.ts';
import { exportPerson } from '../../privacy/export-person.ts';
import { listPrivacyRequests } from '../../privacy/privacy-requests.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { suppressibleIdentitySchema } from '../../schema/privacy.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { registerAuditCommand } from './audit.ts';
import { cliActorName, subjectFromFlags, type SubjectFlags } from './privacy-subject.ts';
import { registerRetentionCommands } from './retention.ts';

function withSubjectOptions(command: Command): Command {
  return command
    .option('--profile <id>', 'the profile id')
    .option('--email <email>', 'an email address of the person')
    .option('--user-id <id>', 'a user id of the person');
}

export function registerPrivacyCommands(program: Command): void {
  const privacy = program
    .command('privacy')
    .description('GDPR/CCPA requests: export or erase all data about a person');

  withSubjectOptions(privacy.command('export'))
    .description('Export every row about a person as JSON (schemaVersion 1)')
    .option('--out <file>', 'write the JSON to a file instead of printing it')
    .action(async (options: SubjectFlags & { out?: string }, command: Command) => {
      const subject = subjectFromFlags(options);
      const document = await withStore(command, async (store) => {
        const exported = await exportPerson(store, subject, { now: new Date(), requestedBy: cliActorName() });
        await recordAudit(store, {
          actorName: cliActorName(),
          action: 'privacy.export',
          targetKind: 'privacy_request',
          targetId: exported.requestId,
          at: new Date(),
        });
        return exported;
      });
      if (!options.out) return printJson(document);
      writeFileSync(options.out, `${JSON.stringify(document, null, 2)}\n`);
      const rows = Object.values(document.tables).reduce((sum, table) => sum + table.length, 0);
      process.stdout.write(
        `Wrote ${rows} rows from ${Object.keys(document.tables).length} tables to ${options.out}.\n`,
      );
    });

  withSubjectOptions(privacy.command('erase'))
    .description('Erase a person everywhere, keeping only salted hashes so they are not re-created')
    .option('--yes', 'confirm: erasure cannot be undone')
    .option('--json', 'print JSON')
    .action(async (options: SubjectFlags & { yes?: boolean; json?: boolean }, command: Command) => {
      const subject = subjectFromFlags(options);
      if (!options.yes)
        throw new SegmintError(
          'invalid_input',
          'Erasure deletes the person everywhere and cannot be undone: add --yes to confirm.',
        );
      const result = await withStore(command, async (store) => {
        const erased = await erasePerson(store, subject, { now: new Date(), requestedBy: cliActorName() });
        await recordAudit(store, {
          actorName: cliActorName(),
          action: 'privacy.erase',
          targetKind: 'privacy_request',
          targetId: erased.requestId,
          details: { deletedRows: Object.values(erased.deleted).reduce((sum, count) => sum + count, 0) },
          at: new Date(),
        });
        return erased;
      });
      if (options.json) return printJson(result);
      process.stdout.write(`Erased (request ${result.requestId}): ${result.profiles} profile(s).\n`);
      printTable(
        [
          ...Object.entries(result.deleted).map(([table, rows]) => ({
            where: table,
            change: 'deleted',
            rows,
          })),
          ...Object.entries(result.redacted).map(([column, rows]) => ({
            where: column,
            change: 'redacted',
            rows,
          })),
        ],
        ['where', 'change', 'rows'],
      );
      process.stdout.write(`${result.suppressedIdentities} identities suppressed against re-import.\n`);
    });

  privacy
    .command('requests')
    .description('List privacy requests (newest first)')
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; json?: boolean }, command: Command) => {
      const rows = await withStore(command, (store) =>
        listPrivacyRequests(store, { limit: Number(options.limit) }),
      );
      if (options.json) return printJson(rows);
      printTable(
        rows.map((row) => ({ ...row, subjectHash: row.subjectHash.slice(0, 16) })),
        ['id', 'kind', 'status', 'requestedBy', 'requestedAt', 'subjectHash'],
      );
    });

  privacy
    .command('unsuppress')
    .description('Let an erased identity back in (the person opted in again)')
    .option('--email <email>', 'the email address')
    .option('--user-id <id>', 'the user id')
    .option('--anonymous-id <id>', 'the anonymous id')
    .action(async (options: { email?: string; userId?: string; anonymousId?: string }, command: Command) => {
      const given = Object.entries(options).filter(([, value]) => typeof value === 'string');
      const identity = parseOrThrow(suppressibleIdentitySchema, Object.fromEntries(given), 'flags');
      const wasSuppressed = await withStore(command, async (store) => {
        const removed = await store.transaction((tx) => unsuppressIdentity(tx, identity, new Date()));
        if (removed)
          await recordAudit(store, {
            actorName: cliActorName(),
            action: 'privacy.unsuppress',
            at: new Date(),
          });
        return removed;
      });
      process.stdout.write(wasSuppressed ? 'No longer suppressed.\n' : 'That identity was not suppressed.\n');
    });

  registerRetentionCommands(program);
  registerAuditCommand(program);
}
