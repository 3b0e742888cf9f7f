import { describe, expect, it } from 'vitest';
import { parseSmtpUrl } from './smtp-url.ts';

describe('parseSmtpUrl', () => {
  it('reads host, port, credentials and STARTTLS from smtp://', () => {
    expect(
      parseSmtpUrl(
        'smtp://me%40shop.example:p%3Ass@mail.example:2525?from=Shop%20%3Cnews@shop.example%3E&pool=3',
      ),
    ).toEqual({
      host: 'mail.example',
      port: 2525,
      secure: false,
      auth: { user: 'me@shop.example', pass: 'p:ss' },
      from: 'Shop <news@shop.example>',
      maxConnections: 3,
      allowInvalidCertificates: false,
    });
  });

  it('uses TLS and port 465 for smtps:// and the default sender', () => {
    const options = parseSmtpUrl('smtps://relay.example', { from: 'news@shop.example' });
    expect(options).toMatchObject({
      host: 'relay.example',
      port: 465,
      secure: true,
      from: 'news@shop.example',
    });
    expect(options.auth).toBeUndefined();
  });

  it('rejects other schemes with a message that shows the expected form, without the password', () => {
    expect(() => parseSmtpUrl('http://u:secret@mail.example')).toThrow(
      /must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(() => parseSmtpUrl('not a url :secret@')).toThrow(/is not a URL/);
  });
});
