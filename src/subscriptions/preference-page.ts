/**
 * The HTML of the public preference centre and the double opt-in confirmation. Plain server-rendered forms: every
 * checkbox has a <label for>, groups are <fieldset>s with a <legend>, the save result is announced (role=status),
 * and the pages work without JavaScript.
 */
import { escapeHtml, htmlPage } from '../html-page.ts';
import type { Preferences, PreferenceChannel } from './preference-centre.ts';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}\n' +
  'fieldset{margin:0 0 1.5rem;border:1px solid #ccc;border-radius:.4rem}.option{margin:.4rem 0}\n' +
  '.hint{display:block;margin-left:1.6rem;color:#555;font-size:.9rem}button{font-size:1rem;padding:.6rem 1.2rem}\n' +
  '[role=status]{background:#e8f5e9;padding:.5rem 1rem;border-radius:.4rem}';

export function preferencePage(title: string, body: string): string {
  return htmlPage({ title, style: STYLE, body });
}

const CHANNEL_LABELS: Record<PreferenceChannel, string> = {
  email: 'Marketing emails',
  sms: 'Marketing text messages (SMS)',
  push: 'Marketing push notifications',
};

function checkbox(options: {
  id: string;
  name: string;
  value: string;
  checked: boolean;
  label: string;
  hint?: string | undefined;
}): string {
  const hintId = `${options.id}-hint`;
  const described = options.hint ? ` aria-describedby="${hintId}"` : '';
  const hint = options.hint ? `<span class="hint" id="${hintId}">${escapeHtml(options.hint)}</span>` : '';
  return `<div class="option"><input type="checkbox" id="${escapeHtml(options.id)}" name="${options.name}" value="${escapeHtml(options.value)}"${options.checked ? ' checked' : ''}${described}>
<label for="${escapeHtml(options.id)}">${escapeHtml(options.label)}</label>${hint}</div>`;
}

export function preferenceCentrePage(options: {
  preferences: Preferences;
  actionPath: string;
  savedMessage?: string;
}): string {
  const { preferences } = options;
  const topics = preferences.topics.map(({ topic, status }, index) =>
    checkbox({
      id: `topic-${index}`,
      name: 'topic',
      value: topic.id,
      checked: status === 'subscribed' || status === 'pending',
      label: `${topic.name} (${topic.channel})`,
      hint:
        [topic.description, status === 'pending' ? 'Waiting for your confirmation.' : undefined]
          .filter(Boolean)
          .join(' ') || undefined,
    }),
  );
  const channels = preferences.channels.map(({ channel, isAllowed }) =>
    checkbox({
      id: `channel-${channel}`,
      name: 'channel',
      value: channel,
      checked: isAllowed,
      label: CHANNEL_LABELS[channel],
    }),
  );
  const saved = options.savedMessage ? `<p role="status">${escapeHtml(options.savedMessage)}</p>` : '';
  const topicSet =
    topics.length > 0 ? `<fieldset><legend>Subscriptions</legend>${topics.join('\n')}</fieldset>` : '';
  return preferencePage(
    'Your communication preferences',
    `${saved}<form method="post" action="${escapeHtml(options.actionPath)}">
${topicSet}
<fieldset><legend>How we may contact you</legend>${channels.join('\n')}</fieldset>
<fieldset><legend>Your privacy</legend>${checkbox({
      id: 'do-not-sell',
      name: 'do_not_sell',
      value: 'yes',
      checked: preferences.doNotSell,
      label: 'Do not sell or share my personal information',
    })}</fieldset>
<button type="submit">Save preferences</button></form>`,
  );
}

export function confirmSubscriptionPage(options: { topicName: string; actionPath: string }): string {
  return preferencePage(
    'Confirm your subscription',
    `<p>Subscribe to <strong>${escapeHtml(options.topicName)}</strong>?</p>
<form method="post" action="${escapeHtml(options.actionPath)}"><button type="submit">Confirm subscription</button></form>`,
  );
}

export function subscriptionConfirmedPage(topicName: string): string {
  return preferencePage(
    'Subscription confirmed',
    `<p role="status">You are subscribed to <strong>${escapeHtml(topicName)}</strong>.</p>`,
  );
}

export function invalidPreferenceLinkPage(): string {
  return preferencePage(
    'This link is not valid',
    '<p>The link is incomplete, was changed or has expired. Open it again from the latest email we sent you.</p>',
  );
}
