import { describe, expect, it } from 'vitest';
import { fastResolveHref, normalizeBaseUrl, pinToBase, resolveUrl } from './url';

describe('URL resolution', () => {
  const base = normalizeBaseUrl('https://acme.api.kandji.io/api/v1');

  it('resolves relative paths under the base path, leading slash or not', () => {
    expect(resolveUrl(base, 'devices').href).toBe('https://acme.api.kandji.io/api/v1/devices');
    expect(resolveUrl(base, '/devices').href).toBe('https://acme.api.kandji.io/api/v1/devices');
    expect(resolveUrl(base, '/api/v1/devices').href).toBe(
      'https://acme.api.kandji.io/api/v1/devices',
    );
    expect(resolveUrl(base, 'devices', { limit: 300, x: undefined, y: null }).href).toBe(
      'https://acme.api.kandji.io/api/v1/devices?limit=300',
    );
  });

  it.each([
    ['devices', undefined],
    ['/devices/abc-1/apps', undefined],
    ['/api/v1/devices', { limit: 300, offset: 600 }],
    ['library/custom-profiles', { page: 2, q: 'a b&c', flag: true }],
    ['enterprise/e1/device/', { limit: 250 }],
  ] as const)('the fast path matches the general resolver for %s', (path, query) => {
    const fast = fastResolveHref(base, base.href, path, query);
    expect(fast).toBeDefined();
    const general = resolveUrl(base, path, query);
    expect(new URL(fast!).pathname).toBe(general.pathname);
    expect(Object.fromEntries(new URL(fast!).searchParams)).toEqual(
      Object.fromEntries(general.searchParams),
    );
  });

  it.each([
    'https://evil.example/x',
    '../admin',
    'a/./b',
    'devices?limit=1',
    'x#y',
    '//evil.example/x',
  ])('leaves %s to the general resolver', (path) => {
    expect(fastResolveHref(base, base.href, path)).toBeUndefined();
  });

  it('pins foreign scheme/host/userinfo to the base, keeping path and query', () => {
    const { url, rewritten } = pinToBase(
      base,
      'http://u:p@evil.example:8443/api/v1/users?cursor=abc',
    );
    expect(rewritten).toBe(true);
    expect(url.href).toBe('https://acme.api.kandji.io/api/v1/users?cursor=abc');
    expect(pinToBase(base, 'https://acme.api.kandji.io/api/v1/x').rewritten).toBe(false);
  });

  it('rejects a bad base URL with a message naming it', () => {
    expect(() => normalizeBaseUrl('acme.kandji.io')).toThrow(/baseUrl/);
    expect(() => normalizeBaseUrl('ftp://x')).toThrow(/must use https/);
    expect(() => normalizeBaseUrl('http://acme.api.kandji.io')).toThrow(/only for loopback/);
  });
});
