import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../ingest/commit-messages.ts';
import { importProfiles } from '../ingest/import/index.ts';
import type { Store } from '../store/store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { erasePerson } from './erase-person.ts';
import { isSuppressed, unsuppressIdentity } from './erasure-suppressions.ts';
import { listPrivacyRequests } from './privacy-requests.ts';

const folder = mkdtempSync(join(tmpdir(), 'segmint-erase-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const NOW = new Date('2025-06-01T00:00:00Z');
const ANN = {
  email: 'ann.example@example.com',
  userId: 'ann-7',
  anonymousId: 'anon-device-ann-0001',
  laptopAnonymousId: 'anon-laptop-ann-0002',
  name: 'Annabel Quixote-Example',
};

/** Every text or JSON value in every table (privacy bookkeeping included) that mentions one of `needles`. */
async function findMentions(store: Store, needles: readonly string[]): Promise<string[]> {
  const columns = await store.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t
         on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and c.table_catalog = current_database()
        and t.table_type = 'BASE TABLE'
        and lower(c.data_type) in ('varchar', 'character varying', 'text', 'json', 'jsonb')`,
  );
  expect(columns.length).toBeGreaterThan(40);
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const rows = await store.query(
        `select 1 as hit from "${table}" where strpos(lower(cast("${column}" as varchar)), $1) > 0`,
        [needle.toLowerCase()],
      );
      if (rows.length > 0) found.push(`${table}.${column} mentions ${needle}`);
    }
  }
  return found;
}

async function profileIdOfUser(store: Store, userId: string): Promise<string> {
  const [row] = await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]);
  if (!row) throw new Error(`no profile for ${userId}`);
  return row.id;
}

describeEachEngine('erasing a person', (getStore) => {
  let annProfileIds: string[] = [];

  beforeAll(async () => {
    const store = getStore();
    // Tables as other features add them: found by their column names, not from a list in the privacy code.
    await store.execute(
      'create table test_captured_emails (id varchar primary key, profile_id varchar, recipient varchar, html varchar)',
    );
    await store.execute('create table test_address_blocklist (address varchar, reason varchar)');
    await store.execute(
      `create table test_journey_runs (id varchar primary key, profile_id varchar, state ${store.dialect.jsonType})`,
    );
    // Ann browses on a laptop, then on her phone where she signs up; the laptop profile merges in later.
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'page', anonymousId: ANN.laptopAnonymousId, name: 'Home' }),
        normalized({ type: 'track', anonymousId: ANN.anonymousId, event: 'Product Viewed' }),
        normalized({
          type: 'identify',
          anonymousId: ANN.anonymousId,
          userId: ANN.userId,
          traits: { email: 'Ann.Example@Example.com', name: ANN.name, phone: '+44 20 7946 0000' },
        }),
        normalized({
          type: 'track',
          userId: ANN.userId,
          event: 'Order Completed',
          properties: { revenue: 42 },
        }),
        normalized({ type: 'identify', userId: 'bob-8', traits: { email: 'bob@example.org', name: 'Bob' } }),
        // Bob's data mentions Ann: by address inside text, and by her short user id as a whole value.
        normalized({
          type: 'track',
          userId: 'bob-8',
          event: 'Friend Referred',
          properties: { note: `invited ${ANN.email} today`, friendUserId: ANN.userId, plan: 'gold' },
        }),
      ]),
    );
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'alias', userId: ANN.userId, previousId: ANN.laptopAnonymousId }),
      ]),
    );
    const ann = await profileIdOfUser(store, ANN.userId);
    const merges = await store.query<{ from_profile_id: string }>(
      'select from_profile_id from profile_merges where into_profile_id = $1',
      [ann],
    );
    expect(merges).toHaveLength(1);
    annProfileIds = [ann, ...merges.map((merge) => merge.from_profile_id)];
    const bob = await profileIdOfUser(store, 'bob-8');
    await store.execute(
      `insert into segments (id, name, definition, text, realtime, version, created_at, updated_at)
       values ('s1', 'buyers', cast('{}' as ${store.dialect.jsonType}), 'x', true, 1, $1, $1)`,
      [NOW],
    );
    await store.execute(`insert into segment_members values ('s1', $1, $2), ('s1', $3, $2)`, [ann, NOW, bob]);
    await store.execute(`insert into segment_transitions values ('t1', 's1', $1, 'entered', $2)`, [ann, NOW]);
    await store.execute(
      `insert into messages (id, profile_id, channel, status, recipient, subject, content, attempts, created_at, updated_at)
       values ($1, $2, 'email', 'sent', $3, 'Hello', cast($4 as ${store.dialect.jsonType}), 1, $5, $5)`,
      [`campaign:c1:${ann}`, ann, ANN.email, JSON.stringify({ html: `<p>Hi ${ANN.name}</p>` }), NOW],
    );
    await store.execute('insert into test_captured_emails values ($1, $2, $3, $4)', [
      'cap-1',
      ann,
      ANN.email,
      `<p>Hi ${ANN.name}</p>`,
    ]);
    await store.execute('insert into test_captured_emails values ($1, $2, $3, $4)', [
      'cap-2',
      bob,
      'bob@example.org',
      '<p>Hi Bob</p>',
    ]);
    await store.execute("insert into test_address_blocklist values ('ANN.Example@example.com', 'bounced')");
    await store.execute(
      `insert into test_journey_runs values ('run-1', $1, cast($2 as ${store.dialect.jsonType}))`,
      [ann, JSON.stringify({ email: ANN.email })],
    );
    await store.execute(
      `insert into audit_log values ('a1', null, 'admin', 'DELETE /api/profiles/:id', 'profile', $1, cast('{}' as ${store.dialect.jsonType}), $2)`,
      [ann, NOW],
    );
  });

  describe('after erasing by email', () => {
    let result: Awaited<ReturnType<typeof erasePerson>>;
    beforeAll(async () => {
      result = await erasePerson(
        getStore(),
        { email: ' ANN.example@example.com' },
        {
          now: NOW,
          requestedBy: 'test',
        },
      );
    });

    it("finds none of the person's identifiers in any text or JSON column of any table", async () => {
      const needles = [
        ANN.email,
        ANN.userId,
        ANN.anonymousId,
        ANN.laptopAnonymousId,
        ANN.name,
        ...annProfileIds,
      ];
      expect(await findMentions(getStore(), needles)).toEqual([]);
    });

    it('reports what it removed and redacted, and suppresses her three kinds of identity', () => {
      expect(result.profiles).toBe(1);
      expect(result.deleted).toMatchObject({
        profiles: 1,
        identities: 4,
        events: 5,
        profile_merges: 1,
        segment_members: 1,
        segment_transitions: 1,
        messages: 1,
        test_captured_emails: 1,
        test_address_blocklist: 1,
        test_journey_runs: 1,
      });
      expect(result.redacted).toEqual({ events: 1, audit_log: 1 });
      expect(result.suppressedIdentities).toBe(4);
    });

    it("keeps other people's data, with only the mentions of her redacted", async () => {
      const store = getStore();
      const [bobEvent] = await store.query<{ properties: Record<string, unknown> }>(
        "select properties from events where event = 'Friend Referred'",
      );
      expect(bobEvent?.properties).toEqual({
        note: 'invited [erased] today',
        friendUserId: '[erased]',
        plan: 'gold',
      });
      expect(await store.query('select id from test_captured_emails')).toEqual([{ id: 'cap-2' }]);
      expect(await store.query('select count(*) as n from segment_members')).toEqual([{ n: 1 }]);
    });

    it('logs the request with a hash of the subject only', async () => {
      const [request] = await listPrivacyRequests(getStore());
      expect(request).toMatchObject({
        id: result.requestId,
        kind: 'erase',
        status: 'completed',
        requestedBy: 'test',
      });
      expect(request?.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('drops later tracking calls and imports that carry her identities, counting them', async () => {
      const store = getStore();
      const commit = await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({
            type: 'identify',
            userId: 'new-account-9',
            traits: { email: 'Ann.Example@EXAMPLE.com' },
          }),
          normalized({ type: 'track', anonymousId: ANN.anonymousId, event: 'Product Viewed' }),
          normalized({ type: 'track', userId: 'carol-3', event: 'Product Viewed' }),
        ]),
      );
      expect(commit).toMatchObject({ stored: 1, suppressed: 2, duplicates: 0 });

      const file = join(folder, 'people.csv');
      writeFileSync(file, `customer_id,email,name\n77,${ANN.email},${ANN.name}\n78,dan@example.net,Dan\n`);
      const summary = await importProfiles({ store, file, idColumn: 'customer_id' });
      expect(summary).toMatchObject({ rowsRead: 2, imported: 1 });
      expect(await findMentions(store, [ANN.email, ANN.name])).toEqual([]);
    });

    it('lets her back in once she opts in again', async () => {
      const store = getStore();
      expect(await isSuppressed(store, { email: ANN.email })).toBe(true);
      expect(await store.transaction((tx) => unsuppressIdentity(tx, { email: ANN.email }, NOW))).toBe(true);
      expect(await isSuppressed(store, { email: ANN.email })).toBe(false);
      const commit = await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({ type: 'identify', userId: 'ann-new', traits: { email: ANN.email } }),
        ]),
      );
      expect(commit).toMatchObject({ stored: 1, suppressed: 0 });
    });
  });

  it('refuses an unknown profile id with a message that says how to find one', async () => {
    await expect(
      erasePerson(getStore(), { profileId: 'nope' }, { now: NOW, requestedBy: 'test' }),
    ).rejects.toThrow(/No profile with id nope/);
  });
});
