import { describe, expect, it } from 'vitest';
import { createDevice } from './converter';

const listItem = {
  id: '7f1c9b5e-2f7d-4e7a-9a39-3f6f4c1d2b10',
  name: 'device-0001',
  serial_number: 'C02ABC123XYZ',
  model: 'MacBookPro18,3',
  platform: 'macOS',
  os_version: '15.1',
  last_check_in: '2026-11-30T12:00:00.000Z',
};

describe('createDevice', () => {
  it('maps the list item and its detail onto the Device data model', () => {
    const entity = createDevice(listItem, {
      id: listItem.id,
      mac_addresses: ['AA-BB-CC-DD-EE-01'],
      encrypted: true,
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      _key: `__vendor_snake___device:${listItem.id}`,
      serial: 'C02ABC123XYZ',
      osType: 'darwin',
      macAddresses: ['aa:bb:cc:dd:ee:01'],
      encrypted: true,
      lastSeenOn: Date.parse('2026-11-30T12:00:00.000Z'),
    });
  });

  it('leaves encryption absent (not false) without a detail', () => {
    const entity = createDevice(listItem);
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).not.toHaveProperty('encrypted');
    expect(entity.macAddresses).toBeNull();
  });
});
