/**
 * Attribution as one SQL statement: each conversion event is credited to the messages that touched the same profile
 * within the window before it — the latest touch (last_touch, the default), the earliest (first_touch), or all of
 * them equally (linear). A message touches a conversion once, at its latest touch before it; revenue follows the
 * credit. The statement selects `message_id, conversions, revenue` (fractional under linear).
 */
import { TRACKING_EVENT_NAMES } from '../schema/tracking.ts';
import type { Dialect } from '../store/dialect.ts';
import type { SqlValue } from '../store/store.ts';
import type { AttributionOptions } from './report-options.ts';

export function attributionSql(
  dialect: Dialect,
  options: AttributionOptions,
  params: SqlValue[],
  /**
   * The messages being reported on (columns `id`, `profile_id`): only their recipients' conversions are read. Touches
   * of every message still compete for the credit, so a report on one campaign credits what the whole programme does.
   */
  messagesRelation = 'messages',
): string {
  const add = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const messageIdOf = dialect.jsonText('e.properties', ['messageId']);
  const machine = dialect.jsonText('e.properties', ['machine']);
  const touches =
    options.touch === 'send'
      ? `select m.id as message_id, m.profile_id, m.sent_at as touched_at from messages m
          where m.sent_at is not null and m.profile_id in (select profile_id from ${messagesRelation})`
      : `select ${messageIdOf} as message_id, e.profile_id, e.occurred_at as touched_at from events e
          where e.type = 'track' and e.event = ${add(options.touch === 'click' ? TRACKING_EVENT_NAMES.clicked : TRACKING_EVENT_NAMES.opened)}
            ${options.touch === 'open' ? `and coalesce(${machine}, 'false') <> 'true'` : ''}
            and e.profile_id in (select profile_id from ${messagesRelation})`;
  // Only the conversions of touched profiles within the span of all touches' windows are read (most purchases follow
  // no touch; without the profile filter the planner builds its hash table on every purchase, and the time bounds let
  // the scan skip whole row groups), and revenue is parsed from the JSON of credited conversions only.
  const revenue = ['revenue', 'amount', 'total']
    .map((key) => dialect.tryCastDouble(dialect.jsonText('e.properties', [key])))
    .join(', ');
  const credit = {
    last_touch: 'case when from_last = 1 then 1.0 else 0.0 end',
    first_touch: 'case when from_first = 1 then 1.0 else 0.0 end',
    linear: '1.0 / touch_count',
  }[options.model];
  return `
    with touches as (${touches}),
    conversions as (
      select e.message_id as conversion_id, e.profile_id, e.occurred_at, e.properties
        from events e
       where e.type = 'track' and e.event in (${options.conversionEvents.map(add).join(', ')})
         and e.profile_id in (select profile_id from touches)
         and e.occurred_at >= (select min(touched_at) from touches)
         and e.occurred_at < (select max(touched_at) from touches) + ${dialect.daysInterval(add(options.windowDays))}
    ),
    pairs as (
      select c.conversion_id, t.message_id, max(t.touched_at) as touched_at
        from conversions c
        join touches t on t.profile_id = c.profile_id and t.touched_at <= c.occurred_at
                      and t.touched_at > c.occurred_at - ${dialect.daysInterval(add(options.windowDays))}
       group by c.conversion_id, t.message_id
    ),
    ranked as (
      select conversion_id, message_id,
             row_number() over (partition by conversion_id order by touched_at desc, message_id desc) as from_last,
             row_number() over (partition by conversion_id order by touched_at, message_id) as from_first,
             count(*) over (partition by conversion_id) as touch_count
        from pairs
    ),
    credited as (select conversion_id, message_id, ${credit} as credit from ranked),
    revenues as (
      select e.conversion_id, coalesce(${revenue}, 0) as revenue
        from conversions e where e.conversion_id in (select conversion_id from credited)
    )
    select c.message_id, sum(c.credit) as conversions, sum(c.credit * r.revenue) as revenue
      from credited c join revenues r on r.conversion_id = c.conversion_id
     group by c.message_id`;
}
