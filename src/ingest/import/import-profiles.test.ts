import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../test-support/engines.ts';
import type { Store } from '../../store/store.ts';
import { importProfiles } from './import-profiles.ts';

const folder = mkdtempSync(join(tmpdir(), 'segmint-import-profiles-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeFixture(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const PEOPLE = writeFixture(
  'people.csv',
  [
    'customer_id,E-mail,Phone,Country,plan,signed_up',
    '1, Ann.Lee@Example.com ,020 7946 0958,United Kingdom,pro,2011-03-04', // 1 ok
    '2,foo@,,,free,2011-03-05', // 2 invalid email
    ',carl@example.com,,,free,2011-03-06', // 3 no id
    '3,bob@example.org,12345,USA,free,2011-03-07', // 4 ok, phone kept with a warning
    '1, Ann.Lee@Example.com ,020 7946 0958,United Kingdom,pro,2011-03-04', // 5 = 1
    '4,dee@example.net,(415) 555-2671,,,not a date', // 6 bad date
    '5,eve@example.net,(415) 555-2671,Unspecified,,2011-03-09', // 7 ok, default country for the phone
  ].join('\n'),
);

const PEOPLE_FLAGS = { idColumn: 'customer_id', timestampColumn: 'signed_up', defaultCountry: 'US' };

async function count(store: Store, sql: string): Promise<number> {
  const rows = await store.query<{ n: number }>(sql);
  return Number(rows[0]?.n ?? -1);
}

describeEachEngine('importing profiles', (getStore) => {
  beforeEach(async () => {
    for (const table of ['events', 'identities', 'profiles', 'profile_merges'])
      await getStore().execute(`delete from ${table}`);
  });

  it('turns rows into identify calls with exact counts', async () => {
    const summary = await importProfiles({ store: getStore(), file: PEOPLE, ...PEOPLE_FLAGS });
    expect(summary).toMatchObject({
      kind: 'profiles',
      rowsRead: 7,
      imported: 3,
      rejected: {
        count: 3,
        byReason: { 'invalid email in E-mail': 1, 'missing customer_id': 1, 'invalid date in signed_up': 1 },
        first: [
          { row: 2, reason: "invalid email 'foo@' in E-mail" },
          { row: 3, reason: 'missing customer_id' },
          {
            row: 6,
            reason: "invalid date 'not a date' (expected ISO 8601, e.g. 2010-12-01 08:26:00) in signed_up",
          },
        ],
      },
      warnings: { count: 1, first: [{ row: 4, reason: "invalid phone number '12345' in Phone" }] },
      duplicates: { inFile: 1, alreadyStored: 0 },
      profilesCreated: 3,
    });
  });

  it('stores cleaned traits and makes the email an identity', async () => {
    const store = getStore();
    await importProfiles({ store, file: PEOPLE, ...PEOPLE_FLAGS });
    const profiles = await store.query<{ user_id: string; traits: Record<string, unknown> }>(
      'select user_id, traits from profiles order by user_id',
    );
    expect(profiles).toEqual([
      {
        user_id: '1',
        traits: { email: 'ann.lee@example.com', phone: '+442079460958', country: 'GB', plan: 'pro' },
      },
      { user_id: '3', traits: { email: 'bob@example.org', phone: '12345', country: 'US', plan: 'free' } },
      { user_id: '5', traits: { email: 'eve@example.net', phone: '+14155552671' } },
    ]);
    const emails = await store.query<{ value: string }>(
      `select value from identities where kind = 'email' order by value`,
    );
    expect(emails.map((row) => row.value)).toEqual([
      'ann.lee@example.com',
      'bob@example.org',
      'eve@example.net',
    ]);
  });

  it('adds nothing when the same file is imported again', async () => {
    const store = getStore();
    await importProfiles({ store, file: PEOPLE, ...PEOPLE_FLAGS });
    const again = await importProfiles({ store, file: PEOPLE, ...PEOPLE_FLAGS });
    expect(again).toMatchObject({
      imported: 0,
      duplicates: { inFile: 1, alreadyStored: 3 },
      profilesCreated: 0,
    });
    expect(await count(store, 'select count(*) as n from events')).toBe(3);
  });

  it('writes nothing with --strict when a row is rejected', async () => {
    const store = getStore();
    await expect(importProfiles({ store, file: PEOPLE, ...PEOPLE_FLAGS, strict: true })).rejects.toThrow(
      "row 2: invalid email 'foo@' in E-mail; nothing was imported",
    );
    expect(await count(store, 'select count(*) as n from profiles')).toBe(0);
    expect(await count(store, 'select count(*) as n from events')).toBe(0);
  });

  it('imports flat JSONL objects like CSV rows, keeping their JSON types', async () => {
    const store = getStore();
    const file = writeFixture(
      'people.jsonl',
      [
        '{"id": 17850, "email": "A@B.COM", "vip": true, "tags": ["gift"], "note": "  hi  ", "nothing": null}',
        '{"id": 17851, "email": "not-an-email"}',
        'not json',
        '{"email": "c@d.com"}',
      ].join('\n'),
    );
    const summary = await importProfiles({ store, file, idColumn: 'id' });
    expect(summary).toMatchObject({
      format: 'jsonl',
      rowsRead: 4,
      imported: 1,
      rejected: { byReason: { 'invalid email in email': 1, 'invalid JSON': 1, 'missing id': 1 } },
    });
    const [profile] = await store.query<{ traits: Record<string, unknown> }>('select traits from profiles');
    expect(profile?.traits).toEqual({ email: 'a@b.com', vip: true, tags: ['gift'], note: 'hi' });
  });
});
