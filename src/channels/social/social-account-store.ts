/**
 * Social accounts (`social_accounts`): where posts go. Credentials stay inside: listings show the account without
 * its token or secret.
 */
import { z } from 'zod';
import { SegmintError } from '../../errors.ts';
import { parseJsonColumn } from '../../content/json-column.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { socialAccountInputSchema, type SocialAccountInput } from '../../schema/social.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';

export type SocialAccount = SocialAccountInput & { createdAt: Date };

/** What listings show: where the account posts, never its credentials. */
export interface SocialAccountSummary {
  name: string;
  type: SocialAccountInput['type'];
  url: string;
  createdAt: Date;
}

type AccountRow = { name: string; kind: string; config: unknown; created_at: Date };

const configSchema = z.record(z.string(), z.unknown());

function toAccount(row: AccountRow): SocialAccount {
  const config = parseOrThrow(configSchema, parseJsonColumn(row.config), `social account "${row.name}"`);
  const account = parseOrThrow(
    socialAccountInputSchema,
    { ...config, type: row.kind, name: row.name },
    `social account "${row.name}"`,
  );
  return { ...account, createdAt: row.created_at };
}

export function summarizeAccount(account: SocialAccount): SocialAccountSummary {
  const url = account.type === 'mastodon' ? account.baseUrl : account.url;
  return { name: account.name, type: account.type, url, createdAt: account.createdAt };
}

export async function addSocialAccount(
  store: Store,
  input: unknown,
  now: Date,
): Promise<SocialAccountSummary> {
  const account = parseOrThrow(socialAccountInputSchema, input, 'social account');
  const { type, name, ...config } = account;
  const existing = await store.query('select name from social_accounts where name = $1', [name]);
  if (existing.length > 0) {
    throw new SegmintError(
      'conflict',
      `A social account named "${name}" exists already: remove it first (\`segmint social accounts remove ${name}\`) or pick another name.`,
    );
  }
  await store.execute(
    'insert into social_accounts (name, kind, config, created_at) values ($1, $2, $3, $4)',
    [name, type, JSON.stringify(config), now],
  );
  return summarizeAccount({ ...account, createdAt: now });
}

export async function getSocialAccount(executor: SqlExecutor, name: string): Promise<SocialAccount> {
  const [row] = await executor.query<AccountRow>('select * from social_accounts where name = $1', [name]);
  if (!row) {
    throw new SegmintError(
      'not_found',
      `Social account "${name}" does not exist. Add it with \`segmint social accounts add\`.`,
    );
  }
  return toAccount(row);
}

export async function listSocialAccounts(executor: SqlExecutor): Promise<SocialAccountSummary[]> {
  const rows = await executor.query<AccountRow>('select * from social_accounts order by name');
  return rows.map((row) => summarizeAccount(toAccount(row)));
}

/** Removes the account; its posts stay (history), and scheduled ones fail with a clear error. */
export async function removeSocialAccount(store: Store, name: string): Promise<{ removed: string }> {
  await getSocialAccount(store, name);
  await store.execute('delete from social_accounts where name = $1', [name]);
  return { removed: name };
}
