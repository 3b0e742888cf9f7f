/**
 * Rate limiting of the public endpoints (tracking /v1, tracking pixels and links /t, the preference centre,
 * feeds): a token bucket per write key when the request names one (HTTP Basic username), else per client IP.
 * Over the limit the answer is 429 with Retry-After. The management API is not limited here: it needs a key.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { SegmintError } from '../errors.ts';
import { TokenBuckets, type RateLimitOptions } from './token-bucket.ts';

export const PUBLIC_PREFIXES = ['/v1', '/t', '/preferences', '/feeds'] as const;

/** Far above what one shop's SDKs send (the ingestion benchmark peaks near 40 batches/s from one key). */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 2000, refillPerSecond: 1000 };

export function isPublicPath(path: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function callerOf(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Basic ')) {
    const username = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':')[0];
    if (username) return `key:${username}`;
  }
  return `ip:${request.ip}`;
}

export function registerPublicRateLimit(
  app: FastifyInstance,
  options: { clock: Clock; limit: RateLimitOptions },
): void {
  const buckets = new TokenBuckets(options.limit, options.clock);
  app.addHook('onRequest', async (request, reply) => {
    if (!isPublicPath(request.url.split('?')[0] ?? '')) return;
    const result = buckets.take(callerOf(request));
    if (result.allowed) return;
    void reply.header('retry-after', String(result.retryAfterSeconds));
    throw new SegmintError(
      'rate_limited',
      `Too many requests from this ${callerOf(request).startsWith('key:') ? 'write key' : 'address'}: retry after ${result.retryAfterSeconds} s (Retry-After), or send larger batches less often.`,
    );
  });
}
