/** `segmint keys create|list|rotate|revoke`: management API keys with roles (admin, marketer, analyst). */
import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../../auth/api-keys.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { apiKeyRoleSchema, rotateApiKeyInputSchema } from '../../schema/api-key.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { cliActorName } from './privacy-subject.ts';

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('API keys for the management API and the dashboard');

  keys
    .command('create <name>')
    .description('Create a key and print it (shown once; only a hash is stored)')
    .requiredOption('--role <role>', 'admin | marketer | analyst (read-only)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { role: string; json?: boolean }, command: Command) => {
      const role = parseOrThrow(apiKeyRoleSchema, options.role, '--role');
      const created = await withStore(command, async (store) => {
        const key = await createApiKey(store, { name, role }, new Date());
        await recordAudit(store, {
          actorName: cliActorName(),
          action: 'keys.create',
          targetKind: 'keys',
          targetId: key.id,
          details: { role },
          at: new Date(),
        });
        return key;
      });
      if (options.json) return printJson(created);
      process.stdout.write(
        `Created ${created.role} key '${created.name}' (${created.id}).\nKey: ${created.key}\n` +
          'Keep it: it is shown only now. Send it as Authorization: Bearer <key>.\n',
      );
    });

  keys
    .command('list')
    .description('List keys (prefixes only)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const rows = await withStore(command, (store) => listApiKeys(store));
      if (options.json) return printJson(rows);
      printTable(rows, ['id', 'name', 'role', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt']);
    });

  keys
    .command('rotate <id>')
    .description('Issue a new key with the same name and role; revoke the old one (after --grace seconds)')
    .option('--grace <seconds>', 'how long the old key keeps working', '0')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { grace: string; json?: boolean }, command: Command) => {
      const { graceSeconds } = parseOrThrow(
        rotateApiKeyInputSchema,
        { graceSeconds: options.grace },
        '--grace',
      );
      const rotated = await withStore(command, async (store) => {
        const result = await store.transaction((tx) =>
          rotateApiKey(tx, id, { now: new Date(), graceSeconds }),
        );
        await recordAudit(store, {
          actorName: cliActorName(),
          action: 'keys.rotate',
          targetKind: 'keys',
          targetId: id,
          details: { newKeyId: result.created.id, graceSeconds },
          at: new Date(),
        });
        return result;
      });
      if (options.json) return printJson(rotated);
      process.stdout.write(
        `New key for '${rotated.created.name}' (${rotated.created.id}): ${rotated.created.key}\n` +
          `The old key stops working at ${rotated.revoked.revokedAt?.toISOString()}.\n`,
      );
    });

  keys
    .command('revoke <id>')
    .description('Revoke a key at once')
    .action(async (id: string, _options: unknown, command: Command) => {
      const revoked = await withStore(command, async (store) => {
        const key = await revokeApiKey(store, id, new Date());
        await recordAudit(store, {
          actorName: cliActorName(),
          action: 'keys.revoke',
          targetKind: 'keys',
          targetId: id,
          at: new Date(),
        });
        return key;
      });
      process.stdout.write(`Revoked key '${revoked.name}' (${revoked.id}).\n`);
    });
}
