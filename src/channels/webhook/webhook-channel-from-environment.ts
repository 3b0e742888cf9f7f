/**
 * The webhook channel as the dispatcher opens it: secrets per destination come from the environment, so they never
 * sit in journey or campaign definitions. `SEGMINT_WEBHOOK_SECRETS` is a JSON object of URL prefix → secret (the
 * longest matching prefix wins); `SEGMINT_WEBHOOK_SECRET` signs every other destination; neither: unsigned.
 */
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { SegmintError } from '../../errors.ts';
import type { Channel } from '../channel.ts';
import { createWebhookChannel, secretsByUrlPrefix } from './webhook-channel.ts';

const secretsSchema = z.record(z.string().min(1), z.string().min(1));

export function webhookSecretsFromEnvironment(
  environment: NodeJS.ProcessEnv,
): (url: string) => string | undefined {
  const table = environment.SEGMINT_WEBHOOK_SECRETS;
  let byPrefix: Record<string, string> = {};
  if (table !== undefined && table.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(table);
    } catch (error) {
      throw new SegmintError(
        'invalid_input',
        `SEGMINT_WEBHOOK_SECRETS is not JSON (${error instanceof Error ? error.message : String(error)}): give an object like {"https://crm.example/": "secret"}.`,
      );
    }
    const result = secretsSchema.safeParse(parsed);
    if (!result.success) {
      throw new SegmintError(
        'invalid_input',
        'SEGMINT_WEBHOOK_SECRETS must be a JSON object of URL prefix → secret, e.g. {"https://crm.example/": "secret"}.',
      );
    }
    byPrefix = result.data;
  }
  const bySpecificPrefix = secretsByUrlPrefix(byPrefix);
  const fallback = environment.SEGMINT_WEBHOOK_SECRET || undefined;
  return (url) => bySpecificPrefix(url) ?? fallback;
}

export function createWebhookChannelFromEnvironment(options: {
  environment: NodeJS.ProcessEnv;
  clock: Clock;
}): Channel {
  const timeout = Number(options.environment.SEGMINT_WEBHOOK_TIMEOUT_MS ?? '');
  return createWebhookChannel({
    secretFor: webhookSecretsFromEnvironment(options.environment),
    clock: options.clock,
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  });
}
