import { describe, expect, it } from 'vitest';
import { DeviceGroupSchema } from '../../client';
import { createDeviceGroupEntity, groupIdFromUrl } from './converter';

const EID = '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b';
const PARENT = '11111111-2222-4333-8444-555555555555';

describe('groupIdFromUrl', () => {
  it.each([
    [`https://acme-api.esper.cloud/api/enterprise/${EID}/devicegroup/${PARENT}/`, PARENT],
    [`https://gw.example/a/b/c/api/enterprise/${EID}/devicegroup/${PARENT}`, PARENT],
    [`/api/enterprise/${EID}/devicegroup/${PARENT}/?x=1`, PARENT],
    [`https://acme-api.esper.cloud/api/enterprise/${EID}/`, undefined],
    ['', undefined],
    [null, undefined],
  ])('%s -> %s', (url, id) => {
    expect(groupIdFromUrl(url)).toBe(id);
  });
});

describe('createDeviceGroupEntity', () => {
  it('is a valid Group with path and parent', () => {
    const entity = createDeviceGroupEntity(
      DeviceGroupSchema.parse({
        id: '99999999-2222-4333-8444-555555555555',
        name: 'Dock 3',
        description: 'Devices at Dock 3',
        path: 'Seattle/Dock 3',
        parent: `https://acme-api.esper.cloud/api/enterprise/${EID}/devicegroup/${PARENT}/`,
        device_count: 12,
        children_count: 0,
      }),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Group'] });
    expect(entity).toMatchObject({
      _key: 'esper_device_group:99999999-2222-4333-8444-555555555555',
      name: 'Dock 3',
      displayName: 'Seattle/Dock 3',
      description: 'Devices at Dock 3',
      path: 'Seattle/Dock 3',
      parentId: PARENT,
      deviceCount: 12,
      childrenCount: 0,
    });
  });
});
