import type { Command } from 'commander';
import { listCapturedEmails, listMessages } from '../../channels/dispatch/message-queries.ts';
import { listCapturedQuerySchema, listMessagesQuerySchema } from '../../schema/email.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { printJson, printTable, withStore } from '../context.ts';

export function registerMessagesCommands(program: Command): void {
  const messages = program.command('messages').description('The message outbox and captured emails');

  messages
    .command('list')
    .description('List outbox messages, most recently updated first')
    .option('--status <status>', 'queued | sending | sent | failed | suppressed | skipped | deferred')
    .option('--profile <id>', 'only messages to this profile')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(
      async (
        options: { status?: string; profile?: string; limit: string; json?: boolean },
        command: Command,
      ) => {
        const query = parseOrThrow(
          listMessagesQuerySchema,
          { status: options.status, profile: options.profile, limit: options.limit },
          'options',
        );
        const rows = await withStore(command, (store) => listMessages(store, query));
        if (options.json) return printJson(rows);
        printTable(
          rows.map((row) => ({ ...row })),
          ['id', 'channel', 'status', 'recipient', 'attempts', 'lastError', 'updatedAt'],
        );
      },
    );

  messages
    .command('captured')
    .description('Emails kept by the capture transport (no SMTP server configured), newest first')
    .option('--to <email>', 'only emails to this address')
    .option('--limit <n>', 'at most this many', '20')
    .option('--json', 'print JSON (with the HTML, text and raw MIME)')
    .action(async (options: { to?: string; limit: string; json?: boolean }, command: Command) => {
      const query = parseOrThrow(
        listCapturedQuerySchema,
        { to: options.to, limit: options.limit },
        'options',
      );
      const rows = await withStore(command, (store) => listCapturedEmails(store, query));
      if (options.json) return printJson(rows);
      printTable(
        rows.map((row) => ({ ...row })),
        ['messageId', 'recipient', 'subject', 'capturedAt'],
      );
    });
}
