import { describe, expect, it } from 'vitest';
import { csvField, customerTraits, PROFILE_CSV_COLUMNS, profileCsvRow } from './customer-traits.ts';
import { generateCustomers } from './generate-messages.ts';
import { asciiLetters } from './person.ts';
import { displaySurname } from './data/names.ts';

const [customer] = [...generateCustomers({ customers: 1, seed: 9, endDate: '2026-01-01' })];

describe('customer traits', () => {
  it('sends flat snake_case traits with consent under consent.email / consent.sms', () => {
    if (!customer) throw new Error('no customer generated');
    const traits = customerTraits(customer);
    expect(traits).toMatchObject({
      email: customer.email,
      first_name: customer.firstName,
      country: customer.country,
      latitude: customer.latitude,
      created_at: customer.createdAt,
      consent: { email: customer.consent.email, sms: customer.consent.sms },
    });
  });

  it('never reveals the hidden truth (archetype, churn date) as a trait', () => {
    if (!customer) throw new Error('no customer generated');
    const traits = customerTraits(customer);
    expect(Object.keys(traits).filter((key) => /archetype|churn|dropout|purchases/.test(key))).toEqual([]);
    expect(Object.values(traits)).not.toContain(customer.truth.archetype);
  });

  it('writes one CSV field per column', () => {
    if (!customer) throw new Error('no customer generated');
    const row = profileCsvRow({ ...customer, lifestyle: 'plain' });
    expect(row.split(',')).toHaveLength(PROFILE_CSV_COLUMNS.length);
  });

  it('quotes CSV fields with commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });
});

describe('names in addresses', () => {
  it('folds names to the ASCII letters people type into an email address', () => {
    expect(asciiLetters('Müller')).toBe('muller');
    expect(asciiLetters("O'Brien")).toBe('obrien');
    expect(asciiLetters('Łukasz')).toBe('lukasz');
    expect(asciiLetters('Weiß')).toBe('weiss');
    expect(asciiLetters('Van den Berg')).toBe('vandenberg');
  });

  it('writes surnames as people do: Dutch particles spaced, Polish -ski feminine for women', () => {
    expect(displaySurname('Van-den-Berg', 'nl', false)).toBe('Van den Berg');
    expect(displaySurname('Kowalski', 'pl', true)).toBe('Kowalska');
    expect(displaySurname('Kowalski', 'pl', false)).toBe('Kowalski');
    expect(displaySurname('Nowak', 'pl', true)).toBe('Nowak');
  });
});
