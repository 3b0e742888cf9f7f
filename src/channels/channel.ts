/**
 * The contract between the message dispatcher and the delivery channels. A row in `messages` (the outbox, see
 * migrations 004_messages) is rendered into a RenderedMessage and handed to the channel named in its `channel`
 * column; the channel's outcome decides the row's next status.
 */

/** What a channel delivers: one message to one recipient, already rendered. */
export interface RenderedMessage {
  /** The outbox id (deterministic, e.g. `journey:<runId>:<stepId>`): the idempotency key towards providers. */
  id: string;
  profileId: string;
  channel: string;
  /** Email address, webhook URL, social account: whatever the channel addresses. */
  recipient: string;
  subject?: string | undefined;
  html?: string | undefined;
  text: string;
  /** Extra headers (email) or the JSON body (webhook) the sender chose. */
  headers?: Readonly<Record<string, string>> | undefined;
  body?: unknown;
  /** Outbox columns a channel may want in its payload or headers. */
  campaignId?: string | null | undefined;
  journeyId?: string | null | undefined;
  templateId?: string | null | undefined;
}

export type SendOutcome =
  /** Accepted by the provider. */
  | { status: 'sent'; providerMessageId?: string | undefined }
  /** Temporary failure (SMTP 4xx, HTTP 5xx/429, timeout): try again, no sooner than retryAfterMs when given. */
  | { status: 'retry'; error: string; retryAfterMs?: number | undefined }
  /** Permanent failure (SMTP 5xx, HTTP 4xx other than 429): never retried; a hard bounce suppresses the address. */
  | { status: 'failed'; error: string; hardBounce?: boolean | undefined };

export interface Channel {
  readonly name: string;
  send(message: RenderedMessage): Promise<SendOutcome>;
  /** Releases pooled connections. */
  close(): Promise<void>;
}
