import { describe, expect, it } from 'vitest';
import { messageSchema } from '../schema/messages.ts';
import { generateActivity, generateCustomers, generateMessages } from './generate-messages.ts';
import type { GeneratedMessage } from './generated-message.ts';

const END_DATE = '2026-01-01T00:00:00.000Z';
const small = { customers: 150, days: 120, seed: 7, endDate: END_DATE };

function allMessages(options: Parameters<typeof generateMessages>[0]): GeneratedMessage[] {
  return [...generateMessages(options)].flat();
}

describe('generateMessages', () => {
  it('produces exactly the same messages for the same options', () => {
    expect(JSON.stringify(allMessages(small))).toBe(JSON.stringify(allMessages(small)));
  });

  it('produces different data for a different seed', () => {
    const first = allMessages(small);
    const second = allMessages({ ...small, seed: 8 });
    expect(JSON.stringify(second)).not.toBe(JSON.stringify(first));
    expect(second[0]?.messageId.startsWith('gen-8-1-')).toBe(true);
  });

  it('emits only messages that pass the Segment message schema', () => {
    const failures = allMessages(small)
      .map((message) => ({ message, result: messageSchema.safeParse(message) }))
      .filter(({ result }) => !result.success);
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('gives every message a unique id of the form gen-<seed>-<customer>-<n> and an ISO timestamp in the window', () => {
    const messages = allMessages(small);
    const start = Date.parse(END_DATE) - small.days * 86_400_000;
    expect(new Set(messages.map((message) => message.messageId)).size).toBe(messages.length);
    for (const message of messages) {
      expect(message.messageId).toMatch(/^gen-7-\d+-\d+$/);
      expect(message.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const at = Date.parse(message.timestamp);
      expect(at).toBeGreaterThanOrEqual(start);
      expect(at).toBeLessThan(Date.parse(END_DATE));
    }
  });

  it("keeps each customer's messages together, in time order, never split across batches", () => {
    const batches = [...generateMessages({ ...small, batchSize: 100 })];
    expect(batches.length).toBeGreaterThan(1);
    const seenInBatch = new Map<string, number>();
    batches.forEach((batch, batchIndex) => {
      for (const message of batch) {
        const customer = message.messageId.split('-')[2] ?? '';
        expect(seenInBatch.get(customer) ?? batchIndex).toBe(batchIndex);
        seenInBatch.set(customer, batchIndex);
      }
    });
    for (const { messages } of generateActivity(small)) {
      const times = messages.map((message) => message.timestamp);
      expect(times).toEqual([...times].sort());
    }
  });

  it('sends anonymous page views before the identify that links the anonymous id to the user id', () => {
    let customersWithAnonymousStart = 0;
    let customers = 0;
    for (const { customer, messages } of generateActivity(small)) {
      customers += 1;
      const firstIdentify = messages.findIndex((message) => message.type === 'identify');
      expect(firstIdentify).toBeGreaterThanOrEqual(0);
      const identify = messages[firstIdentify];
      expect(identify?.userId).toBe(customer.userId);
      expect(identify?.anonymousId).toBeTruthy();
      const anonymousBefore = messages
        .slice(0, firstIdentify)
        .filter((message) => !message.userId && message.anonymousId === identify?.anonymousId);
      if (anonymousBefore.some((message) => message.type === 'page')) customersWithAnonymousStart += 1;
    }
    expect(customersWithAnonymousStart).toBe(customers);
  });

  it('writes about the same people generateCustomers returns', () => {
    const customers = [...generateCustomers(small)];
    const fromActivity = [...generateActivity(small)].map((activity) => activity.customer);
    expect(fromActivity).toEqual(customers);
  });

  it('generates a range of customers apart with the same result (customerOffset)', () => {
    const whole = allMessages({ ...small, customers: 40 });
    const parts = [
      ...allMessages({ ...small, customers: 25 }),
      ...allMessages({ ...small, customers: 15, customerOffset: 25 }),
    ];
    expect(JSON.stringify(parts)).toBe(JSON.stringify(whole));
  });

  it.each([
    { days: 1, products: 40, activity: 1 },
    { days: 3650, products: 2000, activity: 0.1 },
    { days: 30, products: 300, activity: 20 },
  ])('copes with extreme options %j', (extreme) => {
    const messages = allMessages({ ...small, customers: 30, ...extreme });
    expect(messages.length).toBeGreaterThanOrEqual(30);
    for (const message of messages) expect(messageSchema.safeParse(message).success).toBe(true);
  });

  it('scales the volume with the activity option', () => {
    const normal = allMessages({ ...small, customers: 300 }).length;
    const busy = allMessages({ ...small, customers: 300, activity: 2 }).length;
    expect(busy).toBeGreaterThan(normal * 1.4);
  });

  it('generates about 30 messages per customer over a year: 10,000 customers give 300,000 ± 25%', () => {
    let messages = 0;
    for (const batch of generateMessages({ customers: 10_000, days: 365, seed: 3, endDate: END_DATE })) {
      messages += batch.length;
    }
    expect(messages).toBeGreaterThan(225_000);
    expect(messages).toBeLessThan(375_000);
  });
});
