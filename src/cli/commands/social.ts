/** `segmint social …`: accounts, scheduled posts, the posting calendar and engagement. */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { postDueSocialPosts } from '../../channels/social/post-due-social-posts.ts';
import { refreshSocialEngagement } from '../../channels/social/refresh-social-engagement.ts';
import {
  addSocialAccount,
  listSocialAccounts,
  removeSocialAccount,
} from '../../channels/social/social-account-store.ts';
import {
  cancelSocialPost,
  listSocialCalendar,
  scheduleSocialPost,
} from '../../channels/social/social-post-store.ts';
import { SegmintError } from '../../errors.ts';
import type { SocialPost } from '../../schema/social.ts';
import { printJson, printTable, withStore } from '../context.ts';

const DAY_MS = 86_400_000;

interface AccountOptions {
  mastodon?: string;
  token?: string;
  webhook?: string;
  secret?: string;
  json?: boolean;
}

function accountInput(name: string, options: AccountOptions): Record<string, unknown> {
  if (options.mastodon && !options.webhook)
    return { type: 'mastodon', name, baseUrl: options.mastodon, token: options.token ?? '' };
  if (options.webhook && !options.mastodon)
    return {
      type: 'webhook',
      name,
      url: options.webhook,
      ...(options.secret ? { secret: options.secret } : {}),
    };
  throw new SegmintError(
    'invalid_input',
    'Give exactly one of --mastodon <base URL> (with --token) or --webhook <URL> (optionally --secret).',
  );
}

function parseDateOption(text: string | undefined, option: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new SegmintError(
      'invalid_input',
      `${option} must be a date or time like 2025-03-01 or 2025-03-01T09:00:00Z (got '${text}').`,
    );
  }
  return date;
}

function calendarRows(posts: readonly SocialPost[]): Record<string, unknown>[] {
  return posts.map((post) => ({
    scheduledAt: post.scheduledAt,
    account: post.account,
    status: post.status,
    text: post.text.replaceAll('\n', ' '),
    engagement: post.engagement
      ? `♥${post.engagement.favourites} ↻${post.engagement.reblogs} ↩${post.engagement.replies}`
      : '',
    id: post.id,
  }));
}

export function registerSocialCommands(program: Command): void {
  const social = program.command('social').description('Social media posting: accounts, schedule, calendar');
  const accounts = social.command('accounts').description('Where posts go');
  accounts
    .command('add <name>')
    .option('--mastodon <baseUrl>', 'a Mastodon-compatible server, e.g. https://mastodon.social')
    .option('--token <token>', 'the account access token (scope write:statuses, read:statuses)')
    .option('--webhook <url>', 'a generic webhook receiving signed JSON posts')
    .option('--secret <secret>', 'the webhook signing secret')
    .option('--json', 'print JSON')
    .action(async (name: string, options: AccountOptions, command: Command) => {
      const added = await withStore(command, (store) =>
        addSocialAccount(store, accountInput(name, options), systemClock.now()),
      );
      if (options.json) return printJson(added);
      printTable([{ ...added }], ['name', 'type', 'url']);
    });
  accounts
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store) => listSocialAccounts(store));
      if (options.json) return printJson(list);
      printTable(
        list.map((account) => ({ ...account })),
        ['name', 'type', 'url', 'createdAt'],
      );
    });
  accounts
    .command('remove <name>')
    .action(async (name: string, _options: unknown, command: Command) =>
      printJson(await withStore(command, (store) => removeSocialAccount(store, name))),
    );

  social
    .command('post <account> <text>')
    .description('Schedule a post (now unless --at)')
    .option('--at <time>', 'when to post, e.g. 2025-03-08T09:00:00Z')
    .option('--json', 'print JSON')
    .action(
      async (account: string, text: string, options: { at?: string; json?: boolean }, command: Command) => {
        const scheduledAt = parseDateOption(options.at, '--at');
        const post = await withStore(command, (store) =>
          scheduleSocialPost(
            store,
            { account, text, ...(scheduledAt ? { scheduledAt } : {}) },
            systemClock.now(),
          ),
        );
        if (options.json) return printJson(post);
        printTable(calendarRows([post]), ['scheduledAt', 'account', 'status', 'id']);
      },
    );
  social
    .command('cancel <id>')
    .action(async (id: string, _options: unknown, command: Command) =>
      printJson(await withStore(command, (store) => cancelSocialPost(store, id))),
    );
  social
    .command('calendar')
    .description('Posts by time (default: the last 7 days and the next 30)')
    .option('--from <date>')
    .option('--to <date>')
    .option('--account <name>')
    .option('--json', 'print JSON')
    .action(
      async (options: { from?: string; to?: string; account?: string; json?: boolean }, command: Command) => {
        const now = systemClock.now().getTime();
        const range = {
          from: parseDateOption(options.from, '--from') ?? new Date(now - 7 * DAY_MS),
          to: parseDateOption(options.to, '--to') ?? new Date(now + 30 * DAY_MS),
          account: options.account,
        };
        const posts = await withStore(command, (store) => listSocialCalendar(store, range));
        if (options.json) return printJson(posts);
        printTable(calendarRows(posts), ['scheduledAt', 'account', 'status', 'text', 'engagement', 'id']);
      },
    );
  social
    .command('publish')
    .description('Post the due posts now (what `serve` does on a timer)')
    .action(async (_options: unknown, command: Command) =>
      printJson(await withStore(command, (store) => postDueSocialPosts(store, { clock: systemClock }))),
    );
  social
    .command('engagement')
    .description('Fetch favourites, reblogs and replies back for recent posts')
    .action(async (_options: unknown, command: Command) =>
      printJson(await withStore(command, (store) => refreshSocialEngagement(store, { clock: systemClock }))),
    );
}
