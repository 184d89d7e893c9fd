import { describe, expect, it } from 'vitest';
import { deviceAppSchema, prismAppSchema } from '../../client';
import { Entities } from '../constants';
import {
  appIdentity,
  createApp,
  createDeviceAppRelationship,
  fromDeviceApp,
  fromPrismApp,
  usableBundleId,
  usableVersion,
  type AppInstall,
} from './converter';

const install = (over: Partial<AppInstall>): AppInstall => ({
  deviceId: 'd-1',
  name: 'Slack',
  bundleId: 'com.tinyspeck.slackmacgap',
  version: '4.36.140',
  path: '/Applications/Slack.app',
  ...over,
});

describe('app identity', () => {
  it('treats "" and "No value" as missing bundle ids', () => {
    expect(usableBundleId('')).toBeNull();
    expect(usableBundleId('No value')).toBeNull();
    expect(usableBundleId(' no value ')).toBeNull();
    expect(usableBundleId('com.apple.Safari')).toBe('com.apple.Safari');
  });

  it('keys by bundle id, else by name, else by path, in separate key spaces', () => {
    expect(appIdentity(install({}))?._key).toBe('kandji_app:com.tinyspeck.slackmacgap');
    const a = appIdentity(install({ bundleId: '', name: 'Tool A' }));
    const b = appIdentity(install({ bundleId: 'No value', name: 'Tool B' }));
    const c = appIdentity(install({ bundleId: 'No value', name: 'Tool A' }));
    expect(a?._key).toBe('kandji_app:name:Tool A');
    expect(b?._key).toBe('kandji_app:name:Tool B');
    // Same name without bundle id: the same application.
    expect(c?._key).toBe(a?._key);
    expect(
      appIdentity(install({ bundleId: null, name: null, path: '/opt/x/bin.app' })),
    ).toMatchObject({ _key: 'kandji_app:path:/opt/x/bin.app', name: 'bin.app' });
    expect(appIdentity(install({ bundleId: null, name: ' ', path: '' }))).toBeUndefined();
  });

  it('maps both sources onto the same install', () => {
    const fromDetails = fromDeviceApp(
      'd-1',
      deviceAppSchema.parse({
        app_name: 'Slack',
        bundle_id: 'com.tinyspeck.slackmacgap',
        version: '4.36.140',
        path: '/Applications/Slack.app',
        app_id: '12',
      }),
    );
    const fromPrism = fromPrismApp(
      prismAppSchema.parse({
        device_id: 'd-1',
        name: 'Slack',
        bundle_id: 'com.tinyspeck.slackmacgap',
        version: '4.36.140',
        short_version: '4.36',
        path: '/Applications/Slack.app',
      }),
    );
    expect(fromPrism).toEqual(fromDetails);
  });
});

describe('app entities and relationships', () => {
  it('creates a valid Application entity', () => {
    const entity = createApp(appIdentity(install({}))!);
    expect(entity).toMatchObject({
      _type: Entities.APP._type,
      _class: ['Application'],
      name: 'Slack',
      packageName: 'com.tinyspeck.slackmacgap',
      bundleId: 'com.tinyspeck.slackmacgap',
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Application'] });
  });

  it('keeps two versions of one app on one device apart', () => {
    const app = appIdentity(install({}))!;
    const r1 = createDeviceAppRelationship('kandji_device:d-1', app._key, install({}));
    const r2 = createDeviceAppRelationship(
      'kandji_device:d-1',
      app._key,
      install({ version: '4.35.0', path: '/Users/Shared/Applications/Slack.app' }),
    );
    expect(r1._key).not.toBe(r2._key);
    expect(r1).toMatchObject({
      _class: 'HAS',
      _type: 'kandji_device_has_app',
      version: '4.36.140',
      path: '/Applications/Slack.app',
    });
    expect(r2).toMatchObject({ version: '4.35.0', path: '/Users/Shared/Applications/Slack.app' });
  });
});

describe('app versions', () => {
  it('treats "No value" (Kandji\'s published Contacts example) and "" as no version', () => {
    expect(usableVersion('No value')).toBeNull();
    expect(usableVersion(' no value ')).toBeNull();
    expect(usableVersion('')).toBeNull();
    expect(usableVersion('10.14')).toBe('10.14');
    const fromDetails = fromDeviceApp(
      'd-1',
      deviceAppSchema.parse({
        app_name: 'Contacts',
        bundle_id: 'com.apple.AddressBook',
        version: 'No value',
      }),
    );
    expect(fromDetails.version).toBeNull();
    const fromPrism = fromPrismApp(
      prismAppSchema.parse({
        device_id: 'd-1',
        name: 'Contacts',
        version: 'No value',
        short_version: '14.0',
      }),
    );
    expect(fromPrism.version).toBe('14.0');
    const app = appIdentity(fromDetails)!;
    const r = createDeviceAppRelationship('kandji_device:d-1', app._key, fromDetails);
    expect(r.version).toBeUndefined();
    expect(r._key).toBe(`kandji_device:d-1|has|${app._key}||`);
  });
});
