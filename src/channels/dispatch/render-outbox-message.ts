/**
 * Turning one claimed outbox row and its content into what a channel sends: the content is the row's template
 * rendered for the profile (render-outbox-batch.ts does that for a whole batch) or the row's inline
 * `data.subject/html/text/body`; for email this adds the tracking: rewritten links, open pixel, and the signed
 * one-click unsubscribe headers.
 */
import { rewriteEmailHtml } from '../../tracking/rewrite-email-html.ts';
import { listUnsubscribeHeaders, unsubscribeUrl } from '../../tracking/tracking-urls.ts';
import type { RenderedMessage } from '../channel.ts';
import type { ClaimedMessage } from './claim-due-messages.ts';
import type { RenderedContent } from './dispatch-ports.ts';

/**
 * `error` is an unexpected failure (the store, a renderer bug): the row is retried with backoff, not failed.
 */
export type OutboxRendering =
  | { ok: true; message: RenderedMessage }
  | { ok: false; status: 'skipped' | 'failed'; error: string }
  | { ok: false; status: 'error'; error: unknown };

export interface TrackingSettings {
  baseUrl: string;
  secret: string;
  /** Offered as a mailto: List-Unsubscribe beside the https one when set. */
  unsubscribeMailto?: string | undefined;
}

export function textField(data: Record<string, unknown> | null, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' ? value : undefined;
}

function trackingLinks(row: ClaimedMessage, tracking: TrackingSettings) {
  return { messageId: row.id, baseUrl: tracking.baseUrl, secret: tracking.secret };
}

/** The `message.*` variables of a templated row: its data, and for email the unsubscribe link templates may place. */
export function templateVariables(row: ClaimedMessage, tracking: TrackingSettings): Record<string, unknown> {
  return row.channel === 'email'
    ? { ...row.data, unsubscribe_url: unsubscribeUrl(trackingLinks(row, tracking)) }
    : { ...row.data };
}

/** The content a row without a template carries inline, or why it cannot be sent. */
export function inlineContentOf(row: ClaimedMessage): RenderedContent | string {
  const html = textField(row.data, 'html');
  const text = textField(row.data, 'text');
  if (html === undefined && text === undefined)
    return 'the message has no template_id and no inline data.html/data.text to send';
  return { subject: textField(row.data, 'subject'), html, text: text ?? '', body: row.data?.body };
}

/** A rendered template's content with the row's overrides: `data.subject`, and `data.body` when it has none. */
export function withRowOverrides(row: ClaimedMessage, rendered: RenderedContent): RenderedContent {
  return {
    subject: textField(row.data, 'subject') ?? rendered.subject,
    html: rendered.html,
    text: rendered.text,
    body: rendered.body ?? row.data?.body,
  };
}

export function outboxMessageOf(
  row: ClaimedMessage,
  recipient: string,
  content: RenderedContent,
  tracking: TrackingSettings,
): RenderedMessage {
  const links = trackingLinks(row, tracking);
  const isEmail = row.channel === 'email';
  const message: RenderedMessage = {
    id: row.id,
    profileId: row.profile_id,
    channel: row.channel,
    recipient,
    subject: content.subject,
    html: isEmail && content.html !== undefined ? rewriteEmailHtml(content.html, links) : content.html,
    text: content.text,
    campaignId: row.campaign_id,
    journeyId: row.journey_id,
    templateId: row.template_id,
  };
  if (isEmail) {
    message.headers = listUnsubscribeHeaders({ ...links, mailto: tracking.unsubscribeMailto });
  } else if (content.body !== undefined) {
    message.body = content.body;
  }
  return message;
}
