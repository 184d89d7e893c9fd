import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from './router';

const handler = () => ({ json: {} });
const routes = compileRoutes([
  { path: '/api/v1/devices', handler },
  { path: '/api/v1/devices/:id/apps', name: 'device-apps', handler },
  { path: '/api/enterprise/:eid/device/:id/app/', handler },
  { method: 'post', path: '/api/v1/devices/:id/actions', handler },
]);

describe('matchRoute', () => {
  it('matches literal paths and decodes params', () => {
    expect(matchRoute(routes, 'GET', '/api/v1/devices')).toMatchObject({
      params: {},
      route: { name: '/api/v1/devices' },
    });
    expect(matchRoute(routes, 'get', '/api/v1/devices/a%20b/apps')).toMatchObject({
      params: { id: 'a b' },
      route: { name: 'device-apps' },
    });
    expect(matchRoute(routes, 'GET', '/api/enterprise/e1/device/d9/app/')).toMatchObject({
      params: { eid: 'e1', id: 'd9' },
    });
  });

  it('keeps trailing slashes significant and params non-empty', () => {
    expect(matchRoute(routes, 'GET', '/api/enterprise/e1/device/d9/app')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/v1/devices//apps')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/v1/devices/x')).toBeUndefined();
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute(routes, 'GET', '/api/v1/devices/1/actions')).toEqual({
      methodNotAllowed: true,
    });
    expect(matchRoute(routes, 'POST', '/api/v1/devices/1/actions')).toMatchObject({
      params: { id: '1' },
    });
  });

  it('rejects a relative route path', () => {
    expect(() => compileRoutes([{ path: 'devices', handler }])).toThrow(/must start with/);
  });
});
