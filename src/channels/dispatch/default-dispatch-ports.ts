/**
 * The dispatcher's production wiring: templates rendered by src/templates, and the send policy (consent, topic
 * subscriptions, suppressions, frequency caps, quiet hours) decided by src/subscriptions, both batch-wise.
 */
import { checkSendPolicies } from '../../subscriptions/send-policies.ts';
import { renderMessages } from '../../templates/render-message.ts';
import type { DispatchPorts } from './dispatch-ports.ts';

export const defaultDispatchPorts: DispatchPorts = {
  renderMessages,
  checkSendPolicies,
};
