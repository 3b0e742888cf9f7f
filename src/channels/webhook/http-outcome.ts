/**
 * One HTTP request with a timeout, its answer mapped to a SendOutcome: 2xx sent; 5xx, 429, a timeout or a network
 * error retry (honouring Retry-After); any other status failed. Shared by the webhook channel, content publishing
 * and the social clients, so every outbound call classifies failures the same way.
 */
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import type { SendOutcome } from '../channel.ts';
import { parseRetryAfter } from './retry-after.ts';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /** Whole request, connect to last byte; default 10 s. */
  timeoutMs?: number;
  clock?: Clock;
}

export interface HttpResult {
  outcome: SendOutcome;
  /** The HTTP status, when an answer came. */
  status?: number;
  /** The response body as text, when an answer came (providers' ids, engagement counts). */
  responseText?: string;
}

const MAX_ERROR_TEXT = 200;

function isTemporary(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

export async function requestWithOutcome(request: HttpRequest): Promise<HttpResult> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  // A malformed URL never gets better: failing it now keeps it out of the retry loop.
  if (!isHttpUrl(request.url)) {
    return { outcome: { status: 'failed', error: `'${request.url}' is not an http(s) URL` } };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    // Reading the body stays under the same timeout: a server that sends headers and then stalls is a timeout too.
    const responseText = await response.text();
    const status = response.status;
    if (status >= 200 && status < 300) return { outcome: { status: 'sent' }, status, responseText };
    const error = `HTTP ${status} from ${request.url}: ${responseText.slice(0, MAX_ERROR_TEXT)}`;
    if (isTemporary(status)) {
      const now = (request.clock ?? systemClock).now();
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
      return { outcome: { status: 'retry', error, retryAfterMs }, status, responseText };
    }
    return { outcome: { status: 'failed', error }, status, responseText };
  } catch (error) {
    const reason = controller.signal.aborted
      ? `timed out after ${timeoutMs} ms`
      : error instanceof Error
        ? describeNetworkError(error)
        : String(error);
    return { outcome: { status: 'retry', error: `${request.url}: ${reason}` } };
  } finally {
    clearTimeout(timer);
  }
}

/** fetch wraps the interesting part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeNetworkError(error: Error): string {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return `${error.message} (${cause.message})`;
  return error.message;
}

export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const protocol = new URL(text).protocol;
  return protocol === 'http:' || protocol === 'https:';
}
