/**
 * Measures the duplicate window of the dispatcher: for each email, the time from the SMTP server's 250 (the
 * channel's send resolving) to the commit of the transaction that records its outcome. A crash inside it leaves
 * the row `sending`, and the email is sent again once the lease runs out.
 *
 * It watches from outside: the channel's sends, and the store's transactions whose first read is the outcome
 * recorder's "rows still sending" query (record-outcome.ts), whose first parameter lists the ids it records.
 */
import type { Channel } from '../../src/channels/channel.ts';
import type { SqlExecutor, SqlValue, Store } from '../../src/store/store.ts';

export interface DuplicateWindowWatch {
  store: Store;
  channel: Channel;
  /** Milliseconds from send to commit, one per recorded email. */
  windowsMs: number[];
}

const RECORDING_QUERY = /^\s*select id, profile_id, channel, status, recipient/;

export function watchDuplicateWindow(store: Store, channel: Channel): DuplicateWindowWatch {
  const sentAt = new Map<string, number>();
  const windowsMs: number[] = [];
  const watchedChannel: Channel = {
    name: channel.name,
    close: () => channel.close(),
    async send(message) {
      const outcome = await channel.send(message);
      sentAt.set(message.id, performance.now());
      return outcome;
    },
  };
  const watchedStore = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
      return async <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
        let ids: readonly SqlValue[] = [];
        const result = await target.transaction((tx) =>
          work({
            dialect: tx.dialect,
            execute: (sql, params) => tx.execute(sql, params),
            insertRows: (table, columns, rows, options) => tx.insertRows(table, columns, rows, options),
            query: (sql, params) => {
              const first = params?.[0];
              if (RECORDING_QUERY.test(sql) && Array.isArray(first)) ids = first;
              return tx.query(sql, params);
            },
          }),
        );
        const committed = performance.now();
        for (const id of ids) {
          const sent = typeof id === 'string' ? sentAt.get(id) : undefined;
          if (sent !== undefined) windowsMs.push(committed - sent);
        }
        return result;
      };
    },
  });
  return { store: watchedStore, channel: watchedChannel, windowsMs };
}
