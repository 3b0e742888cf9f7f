/**
 * The streaming entry points. Nothing is held beyond one batch, so 1M customers / 30M messages stream in constant
 * memory; consume with `for (const batch of generateMessages({ customers: 1000, days: 90, seed: 7 })) …`.
 */
import { createCustomerModel, type GeneratedCustomer } from './customer.ts';
import {
  createGenerationSetting,
  generateCustomerActivity,
  type CustomerActivity,
} from './customer-activity.ts';
import type { GeneratedMessage } from './generated-message.ts';
import { resolveGenerateOptions, type GenerateOptions, type ResolvedGenerateOptions } from './options.ts';

/** Customers one by one (profiles only, no activity): the same people `generateMessages` writes about. */
export function* generateCustomers(input: GenerateOptions): Generator<GeneratedCustomer, void, undefined> {
  const options = resolveGenerateOptions(input);
  const window = { startMs: options.startDate.getTime(), endMs: options.endDate.getTime() };
  for (let index = options.customerOffset + 1; index <= options.customerOffset + options.customers; index++) {
    yield createCustomerModel({ seed: options.seed, index, window }).customer;
  }
}

/** Each customer with their time-ordered messages. */
export function generateActivity(input: GenerateOptions): Generator<CustomerActivity, void, undefined> {
  return streamActivity(resolveGenerateOptions(input));
}

function* streamActivity(options: ResolvedGenerateOptions): Generator<CustomerActivity, void, undefined> {
  const setting = createGenerationSetting(options);
  const { customerOffset, customers } = options;
  for (let index = customerOffset + 1; index <= customerOffset + customers; index++) {
    yield generateCustomerActivity(setting, index);
  }
}

/**
 * Batches of about `batchSize` messages, customer by customer: a customer's messages are never split across
 * batches and are in time order, so each customer's anonymous visits come before their `identify`.
 */
export function* generateMessages(input: GenerateOptions): Generator<GeneratedMessage[], void, undefined> {
  // Resolved once: the default end date is "today", which must not change between two resolutions.
  const options = resolveGenerateOptions(input);
  let batch: GeneratedMessage[] = [];
  for (const { messages } of streamActivity(options)) {
    for (const message of messages) batch.push(message);
    if (batch.length >= options.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
