import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './classify-smtp-error.ts';

function smtpError(responseCode: number, response: string): Error {
  return Object.assign(new Error(`Can't send mail - ${response}`), { responseCode, response });
}

describe('classifySmtpError', () => {
  it.each([
    [451, '451 4.7.1 Greylisted, try again later'],
    [421, '421 4.3.2 Service not available'],
    [452, '452 4.2.2 Mailbox full'],
  ])('retries a temporary %i reply', (code, response) => {
    expect(classifySmtpError(smtpError(code, response))).toEqual({ status: 'retry', error: response });
  });

  it.each([
    [550, '550 5.1.1 User unknown', true],
    [551, '551 User not local', true],
    [553, '553 5.1.3 Bad recipient address syntax', true],
    [554, '554 5.7.1 Message rejected as spam', false],
    [550, '550 5.7.1 Blocked by policy', false],
    [552, '552 5.3.4 Message too big', false],
  ])('fails a permanent %i reply (%s), hard bounce: %s', (code, response, hardBounce) => {
    expect(classifySmtpError(smtpError(code, response))).toEqual({
      status: 'failed',
      error: response,
      hardBounce,
    });
  });

  it('retries when there is no SMTP reply at all (connection refused)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' });
    expect(classifySmtpError(refused)).toEqual({
      status: 'retry',
      error: 'connect ECONNREFUSED 127.0.0.1:2525',
    });
  });
});
