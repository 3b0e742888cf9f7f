/**
 * Outcomes are committed in groups (outcome-group-recorder.ts), with the captured emails of the capture channel
 * in the same transaction (staged-delivery.ts). These tests hold the guarantees that grouping must not weaken:
 * every outcome of a batch is recorded; one bad entry does not sink its group; and a crash after the send but
 * before the group's commit leaves the rows `sending`, to be sent again (same Message-ID) once the lease runs out,
 * with nothing captured twice and one `Email Delivered` event per email.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import type { Channel } from '../channel.ts';
import { createCaptureEmailChannel } from '../email/capture-email-channel.ts';
import { createSmtpEmailChannel } from '../email/smtp-email-channel.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../email/smtp-test-server.ts';
import { DEFAULT_SENDING_LEASE_MS } from './claim-due-messages.ts';
import { defaultDispatchPorts } from './default-dispatch-ports.ts';
import { dispatchDueMessages } from './dispatch-due-messages.ts';
import { OutcomeGroupRecorder } from './outcome-group-recorder.ts';
import { eventsNamed, givenProfile, givenQueuedMessage } from './outbox-test-data.ts';
import type { StagedDelivery } from './staged-delivery.ts';

const FROM = 'Shop <news@shop.example>';

/**
 * The store as seen by a process that dies right after its first transaction (the claim): every later
 * transaction fails before committing anything, as the outcome commits would if the process were killed.
 */
function crashingAfterClaim(store: Store): Store {
  let transactions = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'transaction') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
        transactions += 1;
        return transactions === 1 ? target.transaction(work) : Promise.reject(new Error('process killed'));
      };
    },
  });
}

/** Counts the store's transactions (each one commit). */
function countingTransactions(store: Store): { store: Store; count: () => number } {
  let transactions = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'transaction') {
        return <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
          transactions += 1;
          return target.transaction(work);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, count: () => transactions };
}

describeEachEngine('outcome group commits', (getStore) => {
  let smtp: TestSmtpServer;
  let smtpChannel: Channel;
  let clock: ManualClock;
  let profileId: string;

  const dispatch = (channel: Channel, store: Store = getStore(), concurrency = 20) =>
    dispatchDueMessages({
      ...defaultDispatchPorts,
      store,
      clock,
      channels: new Map([['email', channel]]),
      tracking: { baseUrl: 'https://crm.shop.example', secret: 'group-commit-test' },
      concurrency,
      random: () => 0.5,
    });
  const queue = async (count: number, status = 'queued') => {
    const ids = Array.from({ length: count }, (_, index) => `g${String(index).padStart(3, '0')}`);
    for (const id of ids)
      await givenQueuedMessage(getStore(), {
        id,
        profileId,
        status,
        data: {
          subject: `Hi ${id}`,
          text: 'Hello',
          html: `<p>Hello</p><a href="https://shop.example/${id}">x</a>`,
        },
        createdAt: clock.now(),
      });
    return ids;
  };
  const statuses = async () =>
    (await getStore().query<{ status: string }>('select status from messages order by id')).map(
      (row) => row.status,
    );
  const capturedIds = async () =>
    (
      await getStore().query<{ message_id: string }>(
        'select message_id from captured_emails order by message_id',
      )
    ).map((row) => row.message_id);
  const messageIdHeaders = () => smtp.received.map((raw) => /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim());

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    smtpChannel = createSmtpEmailChannel({ host: '127.0.0.1', port: smtp.port, secure: false, from: FROM });
    profileId = await givenProfile(getStore(), 'grace', { email: 'grace@example.com', first_name: 'Grace' });
  });
  afterAll(async () => {
    await smtpChannel.close();
    await smtp.close();
  });
  beforeEach(async () => {
    clock = new ManualClock('2025-03-01T10:00:00Z');
    smtp.received.length = 0;
    for (const table of ['messages', 'captured_emails']) await getStore().execute(`delete from ${table}`);
    await getStore().execute("delete from events where event = 'Email Delivered'");
  });

  it('commits the outcomes arriving while a commit runs together, and records every one', async () => {
    const ids = await queue(10, 'sending');
    const counted = countingTransactions(getStore());
    const recorder = new OutcomeGroupRecorder(counted.store);
    const recorded = await Promise.all(
      ids.map((id) => recorder.record({ id, outcome: { status: 'sent' }, now: clock.now() })),
    );
    expect(recorded).toEqual(ids.map(() => true));
    // The first outcome starts a commit at once; the nine arriving meanwhile share the next one.
    expect(counted.count()).toBe(2);
    expect(await statuses()).toEqual(ids.map(() => 'sent'));
  });

  it('records the rest of a group when one entry cannot be written, and fails only that one', async () => {
    const ids = await queue(4, 'sending');
    const failing: StagedDelivery = {
      write: () => Promise.reject(new Error('disk full')),
      row: [],
    };
    const recorder = new OutcomeGroupRecorder(getStore());
    const results = await Promise.allSettled(
      ids.map((id, index) =>
        recorder.record({
          id,
          outcome: { status: 'sent' },
          now: clock.now(),
          ...(index === 2 ? { delivery: failing } : {}),
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await statuses()).toEqual(['sent', 'sent', 'sending', 'sent']);
  });

  it('records and captures every email of a batch larger than a chunk, once each', async () => {
    const ids = await queue(130);
    const capture = createCaptureEmailChannel({ store: getStore(), from: FROM, clock });
    // Four senders: a first chunk of 4 rows, then chunks of 100 and 26, the senders moving across them.
    expect(await dispatch(capture, getStore(), 4)).toMatchObject({ claimed: 130, sent: 130 });
    expect(await statuses()).toEqual(ids.map(() => 'sent'));
    expect(await capturedIds()).toEqual(ids);
    expect(await eventsNamed(getStore(), 'Email Delivered')).toHaveLength(130);
  });

  it('leaves emails the server accepted before a crash to be sent again with the same Message-ID', async () => {
    const ids = await queue(3);
    await expect(dispatch(smtpChannel, crashingAfterClaim(getStore()))).rejects.toThrow('process killed');
    expect(smtp.received).toHaveLength(3);
    expect(await statuses()).toEqual(['sending', 'sending', 'sending']);
    expect(await dispatch(smtpChannel)).toMatchObject({ claimed: 0 });

    clock.advance(DEFAULT_SENDING_LEASE_MS + 1000);
    expect(await dispatch(smtpChannel)).toMatchObject({ claimed: 3, sent: 3 });
    expect(await statuses()).toEqual(['sent', 'sent', 'sent']);
    const [first, second] = [messageIdHeaders().slice(0, 3), messageIdHeaders().slice(3)];
    expect(new Set(first).size).toBe(3);
    expect([...second].sort()).toEqual([...first].sort());
    const delivered = await eventsNamed(getStore(), 'Email Delivered');
    expect(delivered.map((event) => event.properties.messageId).sort()).toEqual(ids);
  });

  it('captures nothing when the process dies before the outcome commit, and captures once on the retry', async () => {
    const ids = await queue(3);
    const capture = createCaptureEmailChannel({ store: getStore(), from: FROM, clock });
    await expect(dispatch(capture, crashingAfterClaim(getStore()))).rejects.toThrow('process killed');
    expect(await statuses()).toEqual(['sending', 'sending', 'sending']);
    expect(await capturedIds()).toEqual([]);

    clock.advance(DEFAULT_SENDING_LEASE_MS + 1000);
    expect(await dispatch(capture)).toMatchObject({ claimed: 3, sent: 3 });
    expect(await capturedIds()).toEqual(ids);
    expect(await eventsNamed(getStore(), 'Email Delivered')).toHaveLength(3);
  });
});
