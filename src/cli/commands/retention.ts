/** `segmint retention set|remove|show|apply`: how long raw events are kept, per event name or call type. */
import type { Command } from 'commander';
import {
  applyRetention,
  listRetentionPolicies,
  removeRetentionPolicy,
  setRetentionPolicy,
} from '../../privacy/retention.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { cliActorName } from './privacy-subject.ts';

export function registerRetentionCommands(program: Command): void {
  const retention = program
    .command('retention')
    .description('Delete raw events after N days (computed traits stay)');

  retention
    .command('set <event> <days>')
    .description(
      "Keep events named EVENT for DAYS days (with --type, events of call type EVENT, e.g. 'page')",
    )
    .option('--type', 'EVENT is a call type (page, screen, identify, track, …), not an event name')
    .action(async (event: string, days: string, options: { type?: boolean }, command: Command) => {
      const policy = await withStore(command, async (store) => {
        const saved = await setRetentionPolicy(
          store,
          { scope: options.type ? 'type' : 'event', name: event, days },
          new Date(),
        );
        await recordAudit(store, {
          actorName: cliActorName(),
          action: 'retention.set',
          targetKind: `retention_${saved.scope}`,
          targetId: saved.name,
          details: { days: saved.days },
          at: new Date(),
        });
        return saved;
      });
      process.stdout.write(
        `Events ${policy.scope === 'type' ? 'of type' : 'named'} '${policy.name}' are kept ${policy.days} days.\n`,
      );
    });

  retention
    .command('remove <event>')
    .description('Remove the policy for EVENT (keep its events forever)')
    .option('--type', 'EVENT is a call type')
    .action(async (event: string, options: { type?: boolean }, command: Command) => {
      await withStore(command, (store) =>
        removeRetentionPolicy(store, { scope: options.type ? 'type' : 'event', name: event }),
      );
      process.stdout.write(`Removed the retention policy for '${event}'.\n`);
    });

  retention
    .command('show')
    .description('List retention policies')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const policies = await withStore(command, (store) => listRetentionPolicies(store));
      if (options.json) return printJson(policies);
      printTable(policies, ['scope', 'name', 'days']);
    });

  retention
    .command('apply')
    .description('Delete the events the policies no longer keep (serve does this daily)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const result = await withStore(command, (store) => applyRetention(store, { now: new Date() }));
      if (options.json) return printJson(result);
      printTable(
        Object.entries(result.deleted).map(([policy, deleted]) => ({ policy, deleted })),
        ['policy', 'deleted'],
      );
    });
}
