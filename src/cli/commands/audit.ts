/** `segmint audit [--since ISO]`: administrative changes, newest first. */
import type { Command } from 'commander';
import { z } from 'zod';
import { listAudit } from '../../audit/audit-log.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { printJson, printTable, withStore } from '../context.ts';

const auditFlagsSchema = z.object({
  since: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(100_000),
});

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('Show the audit log: who changed what (API writes, keys, privacy requests)')
    .option('--since <date>', 'only entries at or after this time (ISO 8601)')
    .option('--limit <n>', 'how many', '200')
    .option('--json', 'print JSON')
    .action(async (options: { since?: string; limit: string; json?: boolean }, command: Command) => {
      const flags = parseOrThrow(auditFlagsSchema, { since: options.since, limit: options.limit }, 'flags');
      const entries = await withStore(command, (store) => listAudit(store, flags));
      if (options.json) return printJson(entries);
      printTable(entries, ['occurredAt', 'actorName', 'action', 'targetKind', 'targetId']);
    });
}
