/** Per-channel send rules (frequency cap, quiet hours, opt-in requirement), one row per channel. */
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import { sendRuleSchema, type SendRule, type SendRuleInput } from '../schema/subscription.ts';
import type { SqlExecutor } from '../store/store.ts';

type SendRuleRow = {
  channel: string;
  max_messages: number | null;
  period_hours: number | null;
  quiet_start: string | null;
  quiet_end: string | null;
  require_consent: boolean;
};

const SEND_RULE_COLUMNS = 'channel, max_messages, period_hours, quiet_start, quiet_end, require_consent';

function toRule(row: SendRuleRow): SendRule {
  return {
    channel: row.channel,
    maxMessages: row.max_messages,
    periodHours: row.period_hours,
    quietStart: row.quiet_start,
    quietEnd: row.quiet_end,
    requireConsent: row.require_consent,
  };
}

/** Creates or replaces the rule of a channel (fields left out are cleared). */
export async function setSendRule(
  executor: SqlExecutor,
  input: SendRuleInput | Record<string, unknown>,
  now: Date = new Date(),
): Promise<SendRule> {
  const rule = parseOrThrow(sendRuleSchema, input, 'sendRule');
  await executor.execute(
    `insert into send_rules (${SEND_RULE_COLUMNS}, updated_at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (channel) do update set max_messages = excluded.max_messages, period_hours = excluded.period_hours,
       quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
       require_consent = excluded.require_consent, updated_at = excluded.updated_at`,
    [
      rule.channel,
      rule.maxMessages,
      rule.periodHours,
      rule.quietStart,
      rule.quietEnd,
      rule.requireConsent,
      now,
    ],
  );
  return rule;
}

export async function listSendRules(executor: SqlExecutor): Promise<SendRule[]> {
  const rows = await executor.query<SendRuleRow>(
    `select ${SEND_RULE_COLUMNS} from send_rules order by channel`,
  );
  return rows.map(toRule);
}

/** The rule of a channel, or undefined when none is set (no cap, no quiet hours, opt-out). */
export async function getSendRule(executor: SqlExecutor, channel: string): Promise<SendRule | undefined> {
  const rows = await executor.query<SendRuleRow>(
    `select ${SEND_RULE_COLUMNS} from send_rules where channel = $1`,
    [channel],
  );
  const row = rows[0];
  return row ? toRule(row) : undefined;
}
