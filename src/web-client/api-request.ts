/**
 * One call to the management API: the key as a Bearer token, JSON in and out, the answer checked with a zod schema,
 * and any failure turned into an `ApiError` carrying the server's code, message and the fields it names.
 */
import type { z } from 'zod';
import { ApiError } from './api-error.ts';
import { errorBodySchema } from './response-schemas.ts';

export interface ApiClientOptions {
  /** '' for the same origin (the dashboard served by `segmint serve`), or `http://host:port`. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The body as JSON, or the text itself when it is not JSON (a proxy's error page): never throws. */
function parseJsonBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    return { unparsed: text.slice(0, 200), reason: error instanceof Error ? error.message : String(error) };
  }
}

export function createRequester(options: ApiClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  return async function request<T extends z.ZodType>(
    schema: T,
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<z.infer<T>> {
    const response = await fetchImpl(`${options.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const text = await response.text();
    const body = parseJsonBody(text);
    if (!response.ok) {
      const error = errorBodySchema.safeParse(body);
      throw new ApiError({
        status: response.status,
        code: error.success ? error.data.error : 'http_error',
        message: error.success ? error.data.message : `${path} answered ${response.status}`,
        details: error.success ? error.data.details : [],
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError({
        status: response.status,
        code: 'unexpected_response',
        message: `${path} answered in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}): is the server the same version as the dashboard?`,
      });
    }
    return parsed.data;
  };
}
