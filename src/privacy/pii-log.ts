/**
 * Logs without personal data. Three layers, because PII reaches logs by different roads:
 * - requests are logged by their route pattern (`/api/profiles/:id`), never their URL, so ids, emails and query
 *   strings stay out; the client address is not logged at all;
 * - every logged object is walked and the values of PII fields (schema/privacy.ts PII_FIELDS) are masked;
 * - any remaining text (messages, error messages that quote input) has email addresses, phone-like numbers and
 *   IP addresses masked.
 */
import type { FastifyServerOptions } from 'fastify';
import { PII_FIELDS } from '../schema/privacy.ts';

export const MASK = '[redacted]';

const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');
const PII_KEYS: ReadonlySet<string> = new Set(PII_FIELDS.map(normalizeKey));

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\b/gi;
// 7+ digits with optional separators: phone numbers, not HTTP statuses or small counts.
const PHONE = /\+?\d[\d ()-]{5,}\d/g;

export function maskPiiText(text: string): string {
  return text.replace(EMAIL, MASK).replace(IPV6, MASK).replace(IPV4, MASK).replace(PHONE, MASK);
}

export function isPiiField(key: string): boolean {
  return PII_KEYS.has(normalizeKey(key));
}

function maskError(error: Error): { type: string; message: string; stack: string } {
  return { type: error.name, message: maskPiiText(error.message), stack: maskPiiText(error.stack ?? '') };
}

export function maskPiiObject(object: Record<string, unknown>, depth = 0): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, item]) => [key, isPiiField(key) ? MASK : maskPii(item, depth + 1)]),
  );
}

export function maskPii(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPiiText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskPii(item, depth + 1));
  if (value instanceof Error) return maskError(value);
  // Requests and replies are class instances that pino's serializers turn into plain objects after this walk.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return maskPiiObject(Object.fromEntries(Object.entries(value)), depth);
}

/** Fastify also logs requests it has not routed (404s, framework errors), whose route options are missing. */
function serializeRequest(request: unknown): Record<string, unknown> {
  if (!request || typeof request !== 'object') return {};
  const method = 'method' in request ? request.method : undefined;
  const routeOptions = 'routeOptions' in request ? request.routeOptions : undefined;
  const route =
    routeOptions && typeof routeOptions === 'object' && 'url' in routeOptions ? routeOptions.url : undefined;
  // The pattern, not the URL: /api/profiles/:id instead of /api/profiles/ann@example.com?x=…
  return { method, route: typeof route === 'string' ? route : '(unrouted)' };
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Fastify logger options that keep PII out; `stream` lets tests capture the output. */
export function piiSafeLoggerOptions(stream?: NodeJS.WritableStream): LoggerOptions {
  return {
    ...(stream ? { stream } : {}),
    serializers: { req: serializeRequest, err: maskError },
    formatters: { log: (object: Record<string, unknown>) => maskPiiObject(object) },
    hooks: {
      logMethod(args, method) {
        for (const [index, arg] of args.entries())
          if (typeof arg === 'string') args[index] = maskPiiText(arg);
        method.apply(this, args);
      },
    },
  };
}
