import { describe, expect, it } from 'vitest';
import { instanceConfigFields, parseConfig } from './config';

describe('parseConfig', () => {
  it('accepts an https API URL and drops trailing slashes', () => {
    expect(parseConfig({ apiUrl: 'https://acme.example.com/api/v1/', accessToken: 't' })).toEqual({
      ok: true,
      config: { apiUrl: 'https://acme.example.com/api/v1', accessToken: 't' },
    });
  });

  it('names each missing field and its env variable', () => {
    const result = parseConfig({ apiUrl: ' ', accessToken: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^apiUrl \(API_URL\) is required/),
      expect.stringMatching(/^accessToken \(ACCESS_TOKEN\) is required/),
    ]);
  });

  it('refuses plain http except on loopback, and URLs carrying credentials', () => {
    expect(parseConfig({ apiUrl: 'http://acme.example.com/api', accessToken: 't' }).ok).toBe(false);
    expect(parseConfig({ apiUrl: 'https://u:p@acme.example.com/api', accessToken: 't' }).ok).toBe(
      false,
    );
    expect(parseConfig({ apiUrl: 'http://127.0.0.1:8080/api/v1', accessToken: 't' }).ok).toBe(true);
  });

  it('masks the token in the J1 config fields', () => {
    expect(instanceConfigFields.accessToken.mask).toBe(true);
  });
});
