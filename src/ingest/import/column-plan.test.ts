import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { planColumns } from './column-plan.ts';
import {
  importEventsOptionsSchema,
  importProfilesOptionsSchema,
  type ImportEventsOptionsInput,
} from './import-options.ts';

function profileOptions(extra: Record<string, unknown> = {}) {
  return importProfilesOptionsSchema.parse({ file: 'people.csv', idColumn: 'id', ...extra });
}

function eventOptions(extra: Partial<ImportEventsOptionsInput> = {}) {
  return importEventsOptionsSchema.parse({ file: 'orders.csv', idColumn: 'id', event: 'purchase', ...extra });
}

describe('planColumns', () => {
  it('detects a single email, phone and country column by its name and gives it the standard trait name', () => {
    const plan = planColumns(
      'profiles',
      ['id', 'E-Mail', 'Mobile Phone', 'Country', 'Name'],
      profileOptions(),
      true,
    );
    expect(plan.columnOf).toEqual({
      userId: 'id',
      email: 'E-Mail',
      phone: 'Mobile Phone',
      country: 'Country',
    });
    expect(['E-Mail', 'Mobile Phone', 'Country', 'Name'].map(plan.fieldName)).toEqual([
      'email',
      'phone',
      'country',
      'Name',
    ]);
  });

  it('detects nothing when two columns could be the email', () => {
    const plan = planColumns('profiles', ['id', 'email', 'Email Address'], profileOptions(), true);
    expect(plan.columnOf.email).toBeUndefined();
  });

  it('uses the columns it is given over detection, and renames fields with --columns', () => {
    const options = profileOptions({ emailColumn: 'work', columns: 'Name:full_name,work:work_email' });
    const plan = planColumns('profiles', ['id', 'email', 'work', 'Name'], options, true);
    expect(plan.columnOf.email).toBe('work');
    expect(['email', 'work', 'Name'].map(plan.fieldName)).toEqual(['email', 'work_email', 'full_name']);
  });

  it('names price, quantity and amount columns after the Segment spec', () => {
    const plan = planColumns(
      'events',
      ['id', 'UnitPrice', 'Quantity'],
      eventOptions({ priceColumn: 'UnitPrice', quantityColumn: 'Quantity' }),
      true,
    );
    expect(['UnitPrice', 'Quantity'].map(plan.fieldName)).toEqual(['price', 'quantity']);
  });

  it.each([
    [['customer', 'when'], {}, "column 'id' is not in the file; its columns are: customer, when"],
    [
      ['id', 'Name'],
      { columns: 'Nmae:name' },
      "--columns renames 'Nmae', which is not in the file; its columns are: id, Name",
    ],
    [
      ['id', 'email', 'mail'],
      { columns: 'mail:email' },
      "columns 'email' and 'mail' would both be stored as 'email'",
    ],
    [['id', 'ts'], { timestampColumn: 'id' }, "column 'id' is given as both userId and timestamp"],
  ])('refuses %j with %j: %s', (columns, extra, message) => {
    expect(() => planColumns('profiles', columns, profileOptions(extra), true)).toThrow(message);
  });

  it('refuses a column that would clash with the computed amount', () => {
    const options = eventOptions({ priceColumn: 'p', quantityColumn: 'q' });
    expect(() => planColumns('events', ['id', 'p', 'q', 'amount'], options, true)).toThrow(
      /both be stored as 'amount'/,
    );
  });

  it('lets JSONL objects leave named columns out', () => {
    const plan = planColumns('events', ['id'], eventOptions({ timestampColumn: 'ts' }), false);
    expect(plan.columnOf.timestamp).toBe('ts');
  });

  it('needs an id column, and an event name for events', () => {
    const noId = importProfilesOptionsSchema.parse({ file: 'p.csv' });
    expect(() => planColumns('profiles', ['id'], noId, true)).toThrow(SegmintError);
    expect(() => planColumns('profiles', ['id'], noId, true)).toThrow('import profiles needs --id-column');
    const anonymousOnly = importEventsOptionsSchema.parse({
      file: 'e.csv',
      anonymousIdColumn: 'anon',
      event: 'x',
    });
    expect(planColumns('events', ['anon'], anonymousOnly, true).columnOf.anonymousId).toBe('anon');
    const noEvent = importEventsOptionsSchema.parse({ file: 'e.csv', idColumn: 'id' });
    expect(() => planColumns('events', ['id'], noEvent, true)).toThrow('--event NAME or --event-column');
  });
});
