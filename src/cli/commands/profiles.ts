import type { Command } from 'commander';
import { unmergeProfile } from '../../profiles/merge-profiles.ts';
import { getProfile, listProfiles } from '../../profiles/profile-queries.ts';
import { printJson, printTable, withStore } from '../context.ts';

export function registerProfilesCommands(program: Command): void {
  const profiles = program.command('profiles').description('Customer profiles');

  profiles
    .command('show <id>')
    .description('Show a profile by id, user id, anonymous id or email: traits, identities, latest events')
    .option('--events <n>', 'how many recent events', '20')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { events: string; json?: boolean }, command: Command) => {
      const profile = await withStore(command, (store) =>
        getProfile(store, id, { events: Number(options.events) }),
      );
      if (options.json) return printJson(profile);
      process.stdout.write(
        `Profile ${profile.id}${profile.userId ? ` (user ${profile.userId})` : ' (anonymous)'}\n` +
          `First seen ${profile.firstSeenAt.toISOString()}, last seen ${profile.lastSeenAt.toISOString()}\n\nIdentities:\n`,
      );
      for (const identity of profile.identities)
        process.stdout.write(`  ${identity.kind.padEnd(13)} ${identity.value}\n`);
      process.stdout.write('\nTraits:\n');
      for (const [key, value] of Object.entries(profile.traits))
        process.stdout.write(`  ${key.padEnd(20)} ${JSON.stringify(value)}\n`);
      if (Object.keys(profile.computed).length > 0) {
        process.stdout.write('\nComputed traits:\n');
        for (const [key, value] of Object.entries(profile.computed))
          process.stdout.write(`  ${key.padEnd(20)} ${JSON.stringify(value)}\n`);
      }
      process.stdout.write('\nLatest events:\n');
      printTable(
        profile.recentEvents.map((event) => ({
          at: event.occurredAt,
          type: event.type,
          event: event.event ?? event.name,
          properties: event.properties,
        })),
        ['at', 'type', 'event', 'properties'],
      );
    });

  profiles
    .command('list')
    .description('List profiles, most recently seen first')
    .option('--search <text>', 'match any identity (user id, anonymous id, email) by substring')
    .option('--limit <n>', 'page size (max 500)', '20')
    .option('--offset <n>', 'rows to skip', '0')
    .option('--json', 'print JSON')
    .action(
      async (
        options: { search?: string; limit: string; offset: string; json?: boolean },
        command: Command,
      ) => {
        const page = await withStore(command, (store) =>
          listProfiles(store, {
            search: options.search,
            limit: Number(options.limit),
            offset: Number(options.offset),
          }),
        );
        if (options.json) return printJson(page);
        printTable(
          page.profiles.map((profile) => ({
            ...profile,
            name: [profile.traits.first_name, profile.traits.last_name].filter(Boolean).join(' '),
          })),
          ['id', 'userId', 'email', 'name', 'lastSeenAt'],
        );
        process.stdout.write(`${page.profiles.length} of ${page.total} profiles\n`);
      },
    );

  profiles
    .command('merges')
    .description('List recorded profile merges (newest first)')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; json?: boolean }, command: Command) => {
      const rows = await withStore(command, (store) =>
        store.query(
          `select id, from_profile_id, into_profile_id, reason, message_id, merged_at, reverted_at
             from profile_merges order by merged_at desc limit $1`,
          [Number(options.limit)],
        ),
      );
      if (options.json) return printJson(rows);
      printTable(rows, ['id', 'from_profile_id', 'into_profile_id', 'reason', 'merged_at', 'reverted_at']);
    });

  profiles
    .command('unmerge <mergeId>')
    .description('Undo a merge: restore the merged-away profile with its identities and events')
    .action(async (mergeId: string, _options: unknown, command: Command) => {
      const result = await withStore(command, (store) =>
        store.transaction((tx) => unmergeProfile(tx, mergeId, new Date())),
      );
      process.stdout.write(`Restored profile ${result.restored}.\n`);
    });
}
