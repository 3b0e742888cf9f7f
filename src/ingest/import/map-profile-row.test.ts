import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../schema/json.ts';
import { planColumns } from './column-plan.ts';
import { importProfilesOptionsSchema } from './import-options.ts';
import { mapProfileRow } from './map-profile-row.ts';

function mapPerson(row: JsonObject, extra: Record<string, unknown> = {}) {
  const options = importProfilesOptionsSchema.parse({
    file: 'people.csv',
    idColumn: 'customer_id',
    ...extra,
  });
  const plan = planColumns('profiles', Object.keys(row), options, true);
  return mapProfileRow(row, plan, {
    timestampFormat: options.timestampFormat,
    defaultCountry: options.defaultCountry,
  });
}

const person = (changes: Record<string, string> = {}): JsonObject => ({
  customer_id: ' 42 ',
  Email: ' Ada.Lovelace@Example.COM ',
  Phone: '020 7946 0958',
  Country: 'United Kingdom',
  zip: '01234',
  age: '36',
  nickname: '',
  ...changes,
});

describe('mapProfileRow', () => {
  it('turns a row into an identify with cleaned traits under standard names', () => {
    expect(mapPerson(person())).toEqual({
      ok: true,
      messageId: undefined,
      warnings: [],
      message: {
        type: 'identify',
        userId: '42',
        traits: {
          email: 'ada.lovelace@example.com',
          phone: '+442079460958',
          country: 'GB',
          zip: '01234',
          age: 36,
        },
      },
    });
  });

  it('reads national phone numbers in the default country when the row has none', () => {
    const mapped = mapPerson(person({ Country: '', Phone: '(415) 555-2671' }), { defaultCountry: 'US' });
    expect(mapped.ok && mapped.message.traits).toMatchObject({ phone: '+14155552671' });
  });

  it('keeps a phone number it cannot normalise as written, with a warning', () => {
    const mapped = mapPerson(person({ Phone: '12345' }));
    expect(mapped.ok && mapped.message.traits).toMatchObject({ phone: '12345' });
    expect(mapped.ok && mapped.warnings).toEqual([
      { kind: 'invalid phone number in Phone', reason: "invalid phone number '12345' in Phone" },
    ]);
  });

  it('rejects an invalid email, which would become an identity', () => {
    expect(mapPerson(person({ Email: 'foo@' }))).toEqual({
      ok: false,
      issue: { kind: 'invalid email in Email', reason: "invalid email 'foo@' in Email" },
    });
  });

  it('rejects a row without a user id', () => {
    expect(mapPerson(person({ customer_id: '  ' }))).toMatchObject({
      ok: false,
      issue: { reason: 'missing customer_id' },
    });
  });

  it('uses a timestamp column as the time of the identify', () => {
    const mapped = mapPerson({ ...person(), signed_up: '2011-03-04' }, { timestampColumn: 'signed_up' });
    expect(mapped.ok && mapped.message.timestamp).toBe('2011-03-04T00:00:00.000Z');
    expect(mapped.ok && Object.keys(mapped.message.traits ?? {})).not.toContain('signed_up');
  });
});
