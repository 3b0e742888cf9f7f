import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { buildServer } from '../api/server.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { createSource } from '../sources/sources.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { maskPiiText } from './pii-log.ts';

const PII = {
  email: 'zelda.pii@example.com',
  phone: '+44 20 7946 0321',
  name: 'Zelda Piiperson',
  address: '12 Quarantine Lane',
  ip: '198.51.100.77',
  userId: 'zelda-user-77',
};

describeEachEngine('logs without personal data', (getStore) => {
  it('logs traffic carrying known PII without any of the values', async () => {
    const store = getStore();
    const writeKey = (await createSource(store, 'web')).writeKey;
    let output = '';
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'k',
      logger: true,
      logStream: stream,
    });
    const basic = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    const traits = { email: PII.email, phone: PII.phone, name: PII.name, address: { street: PII.address } };
    const responses = [
      await app.inject({
        method: 'POST',
        url: '/v1/identify',
        headers: basic,
        remoteAddress: PII.ip,
        payload: { userId: PII.userId, traits, context: { ip: PII.ip } },
      }),
      // Invalid: the error answer may quote the input; the log must not.
      await app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: basic,
        payload: { userId: PII.userId, traits },
      }),
      await app.inject({
        method: 'GET',
        url: `/api/profiles/${encodeURIComponent(PII.email)}?email=${encodeURIComponent(PII.email)}`,
        headers: { authorization: 'Bearer k' },
        remoteAddress: PII.ip,
      }),
      await app.inject({ method: 'GET', url: `/v1/no-such/${PII.userId}`, remoteAddress: PII.ip }),
    ];
    expect(responses.map((response) => response.statusCode)).toEqual([200, 400, 200, 404]);
    await app.close();

    expect(output).toContain('/api/profiles/:id');
    expect(output.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(8);
    for (const value of Object.values(PII)) expect(output).not.toContain(value);
    expect(output).not.toContain('Zelda');
  });

  it('masks emails, phone numbers and IP addresses inside free text', () => {
    expect(maskPiiText(`bad email ${PII.email} from ${PII.ip}, call ${PII.phone}, status 404`)).toBe(
      'bad email [redacted] from [redacted], call [redacted], status 404',
    );
  });
});
