/**
 * Maps a failed SMTP send to the outbox's next step. Replies 4xx are temporary (greylisting, mailbox busy, rate
 * limits): retry. Replies 5xx are permanent: never retried; a permanent refusal of the recipient (550/551/553 or an
 * enhanced status 5.1.x, other than a 5.7.x policy rejection of the message) is a hard bounce that suppresses the
 * address. Failures without a reply (connection refused, timeout, TLS, authentication) say nothing about the
 * recipient: retry, so the message goes out once the server or the configuration is fixed.
 */
import type { SendOutcome } from '../channel.ts';

const RECIPIENT_REPLY_CODES = new Set([550, 551, 553]);

function replyCodeOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return null;
  const code = error.responseCode;
  return typeof code === 'number' ? code : null;
}

function responseTextOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'response' in error &&
    typeof error.response === 'string'
  )
    return error.response;
  return error instanceof Error ? error.message : String(error);
}

export function classifySmtpError(error: unknown): Extract<SendOutcome, { status: 'retry' | 'failed' }> {
  const code = replyCodeOf(error);
  const response = responseTextOf(error);
  if (code !== null && code >= 500 && code < 600) {
    const isPolicyRejection = /\b5\.7\.\d+/.test(response);
    const isRecipientError = /\b5\.1\.\d+/.test(response) || RECIPIENT_REPLY_CODES.has(code);
    return { status: 'failed', error: response, hardBounce: isRecipientError && !isPolicyRejection };
  }
  return { status: 'retry', error: response };
}
