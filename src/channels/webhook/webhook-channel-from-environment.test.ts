import { describe, expect, it } from 'vitest';
import { webhookSecretsFromEnvironment } from './webhook-channel-from-environment.ts';

describe('webhook secrets from the environment', () => {
  it('picks the longest matching prefix, then the default secret, else none', () => {
    const secretFor = webhookSecretsFromEnvironment({
      SEGMINT_WEBHOOK_SECRETS: JSON.stringify({
        'https://crm.example/': 'crm',
        'https://crm.example/vip/': 'vip',
      }),
      SEGMINT_WEBHOOK_SECRET: 'default',
    });
    expect(secretFor('https://crm.example/vip/hook')).toBe('vip');
    expect(secretFor('https://crm.example/hook')).toBe('crm');
    expect(secretFor('https://other.example/')).toBe('default');
    expect(webhookSecretsFromEnvironment({})('https://other.example/')).toBeUndefined();
  });

  it('explains a malformed secrets table', () => {
    expect(() => webhookSecretsFromEnvironment({ SEGMINT_WEBHOOK_SECRETS: '{oops' })).toThrow(
      'SEGMINT_WEBHOOK_SECRETS is not JSON',
    );
    expect(() => webhookSecretsFromEnvironment({ SEGMINT_WEBHOOK_SECRETS: '["a"]' })).toThrow(
      'URL prefix → secret',
    );
  });
});
