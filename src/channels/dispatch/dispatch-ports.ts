/**
 * What the dispatcher needs from modules built beside it, as function types over a whole claimed batch: rendering
 * one template version for many profiles (src/templates, `renderMessages`) and the consent / frequency-cap /
 * quiet-hours decisions (src/subscriptions, `checkSendPolicies`). Both read their facts set-wise, a handful of
 * queries per batch. The defaults are wired in default-dispatch-ports.ts; tests may pass their own.
 */
import type { SqlExecutor } from '../../store/store.ts';

export interface RenderBatchRequest {
  templateId: string;
  version?: number;
  /** Each profile at most once (a context is built per profile), with its `message.*` data. */
  profiles: readonly { profileId: string; data?: Record<string, unknown> }[];
}

export interface RenderedContent {
  subject?: string | undefined;
  html?: string | undefined;
  text: string;
  /** JSON templates: the rendered body, parsed (webhook payloads). */
  body?: unknown;
}

/** One result per requested profile, in the request's order; an expected failure (bad data) is per profile. */
export type RenderMessagesFunction = (
  executor: SqlExecutor,
  request: RenderBatchRequest,
) => Promise<({ ok: true; message: RenderedContent } | { ok: false; error: Error })[]>;

export type SendPolicyDecision =
  | { decision: 'send' }
  | { decision: 'defer'; until: Date; reason: string }
  | { decision: 'suppress'; reason: string };

/** One decision per request, in order; a "send" counts against the caps of the requests after it. */
export type CheckSendPoliciesFunction = (
  executor: SqlExecutor,
  requests: readonly { profileId: string; channel: string; topic?: string; now: Date }[],
) => Promise<SendPolicyDecision[]>;

export interface DispatchPorts {
  renderMessages: RenderMessagesFunction;
  checkSendPolicies: CheckSendPoliciesFunction;
}
