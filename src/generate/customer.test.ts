import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { ARCHETYPES } from './archetypes.ts';
import { COUNTRIES } from './data/countries.ts';
import { generateCustomers } from './generate-messages.ts';

const END_DATE = '2026-01-01T00:00:00.000Z';
const customers = [...generateCustomers({ customers: 2000, days: 365, seed: 5, endDate: END_DATE })];
const countryCodes = new Set<string>(COUNTRIES.map((country) => country.code));

function isCountryCode(code: string): code is CountryCode {
  return countryCodes.has(code);
}

function ageOn(birthday: string, day: string): number {
  const [birthYear, birthMonthDay] = [Number(birthday.slice(0, 4)), birthday.slice(5)];
  const [year, monthDay] = [Number(day.slice(0, 4)), day.slice(5, 10)];
  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0);
}

describe('generateCustomers', () => {
  it('numbers customers as user-000001, user-000002, …', () => {
    expect(customers.slice(0, 2).map((customer) => customer.userId)).toEqual(['user-000001', 'user-000002']);
    expect(customers[1999]?.userId).toBe('user-002000');
  });

  it('gives every customer a unique, lower-case email address on a reserved domain', () => {
    const emails = customers.map((customer) => customer.email);
    expect(new Set(emails).size).toBe(customers.length);
    for (const email of emails) {
      expect(email).toBe(email.toLowerCase());
      expect(email).toMatch(/^[a-z.]+\d+@(example\.(com|org|net)|mail\.example|inbox\.test)$/);
    }
  });

  it('gives names, genders and ages between 18 and 80 on the end date', () => {
    const ages = customers.map((customer) => ageOn(customer.birthday, END_DATE));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(80);
    const middleAged = ages.filter((age) => age >= 25 && age <= 55).length;
    expect(middleAged / ages.length).toBeGreaterThan(0.6);
    for (const customer of customers) {
      expect(customer.firstName.length).toBeGreaterThan(1);
      expect(customer.lastName.length).toBeGreaterThan(1);
      expect(['female', 'male', 'non-binary']).toContain(customer.gender);
    }
  });

  it('gives valid E.164 mobile numbers for the customer’s country', () => {
    for (const customer of customers) {
      expect(customer.phone).toMatch(/^\+[1-9]\d{7,14}$/);
      if (!isCountryCode(customer.country)) throw new Error(`unexpected country ${customer.country}`);
      expect(isValidPhoneNumber(customer.phone, customer.country), customer.phone).toBe(true);
    }
  });

  it('places customers in weighted countries, near real cities, in their time zone', () => {
    const us = customers.filter((customer) => customer.country === 'US').length / customers.length;
    expect(us).toBeGreaterThan(0.22);
    expect(us).toBeLessThan(0.36);
    expect(new Set(customers.map((customer) => customer.country)).size).toBeGreaterThanOrEqual(12);
    for (const customer of customers) {
      const country = COUNTRIES.find((candidate) => candidate.code === customer.country);
      const city = country?.cities.find((candidate) => candidate.name === customer.city);
      expect(city?.region).toBe(customer.region);
      expect(city?.timezone).toBe(customer.timezone);
      expect(Math.abs((city?.latitude ?? 0) - customer.latitude)).toBeLessThan(0.3);
      expect(Math.abs((city?.longitude ?? 0) - customer.longitude)).toBeLessThan(0.3);
    }
  });

  it('fills psychographic and marketing traits', () => {
    for (const customer of customers) {
      expect(customer.interests.length).toBeGreaterThanOrEqual(1);
      expect(customer.interests.length).toBeLessThanOrEqual(3);
      expect(customer.values.length).toBeGreaterThanOrEqual(1);
      expect(customer.lifestyle).not.toBe('');
      expect(['free', 'plus']).toContain(customer.plan);
      expect(['bronze', 'silver', 'gold', 'platinum']).toContain(customer.loyaltyTier);
      expect(customer.annualIncome % 1000).toBe(0);
      expect(Date.parse(customer.createdAt)).toBeLessThan(Date.parse(END_DATE));
    }
    const consenting = customers.filter((customer) => customer.consent.email).length / customers.length;
    expect(consenting).toBeGreaterThan(0.5);
    expect(consenting).toBeLessThan(0.9);
  });

  it('mixes all archetypes and gives churners a churn date, and only churners', () => {
    const archetypes = new Set(customers.map((customer) => customer.truth.archetype));
    expect([...archetypes].sort()).toEqual([...ARCHETYPES].sort());
    for (const customer of customers) {
      expect(customer.truth.churnedAt !== null).toBe(customer.truth.archetype === 'churner');
    }
  });

  it('makes a customer independent of the others: customer 1500 is the same alone or in a crowd', () => {
    const alone = [
      ...generateCustomers({ customers: 1, customerOffset: 1499, days: 365, seed: 5, endDate: END_DATE }),
    ];
    expect(alone).toEqual([customers[1499]]);
  });
});
