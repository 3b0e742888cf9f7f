/**
 * A small world for journey tests: a store, a fake clock, and the verbs of the table-driven tests — submit events,
 * advance time, run the worker, read sends and node counts. Tests only.
 */
import type { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { refreshAllSegments } from '../../segments/saved/refresh-membership.ts';
import type { Store } from '../../store/store.ts';
import { normalized } from '../../test-support/messages.ts';
import { JourneyDefinitions } from '../engine/journey-definitions.ts';
import { reportJourney, type NodeCounts } from '../journey-report.ts';
import { runJourneyPass, type JourneyPassResult } from '../journey-worker.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Creates a template row directly (the templates module owns the real API); returns its id. */
export async function createTestTemplate(store: Store, name: string, channel = 'email'): Promise<string> {
  const id = `tpl_${name}`;
  const now = new Date('2025-01-01T00:00:00Z');
  await store.execute(
    `insert into templates (id, name, channel, current_version, created_at, updated_at, archived_at)
     values ($1, $2, $3, 1, $4, $4, null)`,
    [id, name, channel, now],
  );
  await store.execute(
    `insert into template_versions (template_id, version, subject, body, format, text_body, created_at)
     values ($1, 1, $2, $3, 'text', null, $4)`,
    [id, `Hello from ${name}`, 'Hi {{ profile.first_name }}', now],
  );
  return id;
}

export class JourneyWorld {
  readonly definitions = new JourneyDefinitions();

  constructor(
    readonly store: Store,
    readonly clock: ManualClock,
  ) {}

  /** Commits messages received now and refreshes the segments, as `serve` does after each commit. */
  async submit(...messages: Record<string, unknown>[]): Promise<void> {
    const now = this.clock.now();
    await this.store.transaction((tx) =>
      commitMessages(
        tx,
        messages.map((message) => normalized({ timestamp: now.toISOString(), ...message }, now)),
      ),
    );
    await refreshAllSegments(this.store, { now });
  }

  async track(userId: string, event: string, properties: Record<string, unknown> = {}): Promise<void> {
    await this.submit({ type: 'track', userId, event, properties });
  }

  async identify(userId: string, traits: Record<string, unknown>): Promise<void> {
    await this.submit({ type: 'identify', userId, traits });
  }

  advance(milliseconds: number): void {
    this.clock.advance(milliseconds);
  }

  async work(): Promise<JourneyPassResult> {
    return runJourneyPass({
      store: this.store,
      clock: this.clock,
      definitions: this.definitions,
      batchSize: 50,
    });
  }

  async profileId(userId: string): Promise<string> {
    const [row] = await this.store.query<{ profile_id: string }>(
      "select profile_id from identities where kind = 'user_id' and value = $1",
      [userId],
    );
    if (!row) throw new Error(`no profile for user ${userId}`);
    return row.profile_id;
  }

  /** The user ids sent a message by the journey, with node and template, in order. */
  async sends(
    journeyId: string,
  ): Promise<
    { userId: string; nodeId: string; channel: string; template: string | null; variant: string | null }[]
  > {
    const rows = await this.store.query<{
      value: string;
      node_id: string;
      channel: string;
      template_id: string | null;
      variant: string | null;
    }>(
      `select i.value, m.node_id, m.channel, m.template_id, m.variant from messages m
         join identities i on i.profile_id = m.profile_id and i.kind = 'user_id'
        where m.journey_id = $1 order by i.value, m.node_id`,
      [journeyId],
    );
    return rows.map((row) => ({
      userId: row.value,
      nodeId: row.node_id,
      channel: row.channel,
      template: row.template_id,
      variant: row.variant,
    }));
  }

  async nodeCounts(journey: string): Promise<Record<string, Omit<NodeCounts, 'nodeId' | 'type'>>> {
    const report = await reportJourney(this.store, journey);
    return Object.fromEntries(
      report.nodes.map(({ nodeId, entered, waiting, exited, converted }) => [
        nodeId,
        { entered, waiting, exited, converted },
      ]),
    );
  }
}
