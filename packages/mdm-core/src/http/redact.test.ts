import { describe, expect, it } from 'vitest';
import { Redactor } from './redact';

describe('Redactor', () => {
  const r = new Redactor(['s3cr3t value', undefined, null, '', 'abc123']);

  it('replaces every occurrence, including URL/form encoded spellings', () => {
    expect(r.redact('a s3cr3t value b s3cr3t value')).toBe('a [REDACTED] b [REDACTED]');
    expect(r.redact('x=s3cr3t%20value&y=s3cr3t+value')).toBe('x=[REDACTED]&y=[REDACTED]');
    expect(r.redact('Authorization: Bearer unknown-token-999')).toBe(
      'Authorization: Bearer [REDACTED]',
    );
  });

  it('redacts URL credentials and secret-looking query params', () => {
    const out = r.redactUrl(
      'https://user:pw@host.example/api?limit=5&api_key=zzz&access_token=t&signature=q&cursor=abc123',
    );
    expect(out).toBe(
      'https://[REDACTED]@host.example/api?limit=5&api_key=[REDACTED]&access_token=[REDACTED]&signature=[REDACTED]&cursor=[REDACTED]',
    );
    expect(r.redactUrl(new URL('http://127.0.0.1:80/x'))).toBe('http://127.0.0.1/x');
    expect(r.redactUrl('not a url abc123')).toBe('not a url [REDACTED]');
  });

  it('deep-copies values, redacting secret strings and secret-named keys', () => {
    const input = {
      name: 'ok abc123',
      emm: { enterprise_token: 'tt', completion_token: null, signup_url: 'https://x' },
      list: [{ password: 'p' }, 'abc123'],
      when: new Date(0),
    };
    const out = r.redactValue(input);
    expect(out).toEqual({
      name: 'ok [REDACTED]',
      emm: { enterprise_token: '[REDACTED]', completion_token: null, signup_url: '[REDACTED]' },
      list: [{ password: '[REDACTED]' }, '[REDACTED]'],
      when: new Date(0),
    });
    expect(input.emm.enterprise_token).toBe('tt');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(r.redactValue(cyclic).self).toBeDefined();
  });
});
