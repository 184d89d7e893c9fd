import { describe, expect, it } from 'vitest';
import { Endpoints, Permissions } from './endpoints';

describe('Esper endpoints', () => {
  it('fill their placeholders, URI-encoding vendor ids', () => {
    expect(Endpoints.deviceApps.path({ enterprise_id: 'e-1', device_id: 'a/b c' })).toBe(
      'enterprise/e-1/device/a%2Fb%20c/app/',
    );
    expect(Endpoints.users.path({})).toBe('user/');
    expect(Endpoints.tenantApp.path({ app_id: '7' })).toBe('v2/tenant-apps/7/');
  });

  it('each name the permission it needs; the v2 routes need what their v1 counterparts need', () => {
    for (const [name, endpoint] of Object.entries(Endpoints)) {
      expect(Object.values(Permissions), name).toContain(endpoint.permission);
      expect(endpoint.template, name).toMatch(/^[a-z0-9{}_/-]+\/$/);
    }
    expect(Endpoints.v2Devices.permission).toBe(Endpoints.devices.permission);
    expect(Endpoints.v2DeviceApps.permission).toBe(Endpoints.deviceApps.permission);
  });
});
