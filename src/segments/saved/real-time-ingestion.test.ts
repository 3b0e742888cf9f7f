/** The real-time path as `segmint serve` wires it: a tracking call → group commit → touched profiles refreshed. */
import { expect, it } from 'vitest';
import { startServer } from '../../server/start-server.ts';
import { createSource } from '../../sources/sources.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { listSegmentMembers, listSegmentTransitions } from './segment-queries.ts';
import { createSegment } from './segment-store.ts';

describeEachEngine('real-time segments in the server', (getStore) => {
  it('moves a profile into a real-time segment when its track call is committed', async () => {
    const store = getStore();
    await createSegment(store, { name: 'trial starters', text: 'performed "Trial Started"' });
    await createSegment(store, {
      name: 'trial (nightly)',
      text: 'performed "Trial Started"',
      realtime: false,
    });
    const { writeKey } = await createSource(store, 'website');
    const server = await startServer({ store, port: 0, host: '127.0.0.1', adminKey: 'k' });
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      payload: { userId: 'zoe', event: 'Trial Started' },
    });
    expect(response.statusCode).toBe(200);
    await server.close(); // drains the committer, including its after-commit hook

    const [profile] = await store.query<{ profile_id: string }>(
      "select profile_id from identities where kind = 'user_id' and value = 'zoe'",
    );
    expect(await listSegmentMembers(store, 'trial starters')).toEqual([
      { profileId: profile?.profile_id, enteredAt: expect.any(Date) },
    ]);
    expect(await listSegmentTransitions(store, 'trial starters')).toHaveLength(1);
    expect(await listSegmentMembers(store, 'trial (nightly)')).toEqual([]);
  });
});
