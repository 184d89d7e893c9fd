import { describe, expect, it } from 'vitest';
import { ApplicationSchema, DeviceAppSchema } from '../../client';
import { createCatalogApplicationEntity, createUncatalogedApplicationEntity } from './converter';

describe('createCatalogApplicationEntity', () => {
  const app = ApplicationSchema.parse({
    id: '0f0e0d0c-0b0a-4908-8706-050403020100',
    application_name: 'Fleet Scanner',
    package_name: 'com.acme.scanner',
    developer: 'Acme Mobile',
    category: 'Business',
    is_hidden: false,
    is_active: true,
    versions: [
      {
        id: 'v1',
        version_code: '1.2.0',
        build_number: '120',
        download_url: 'https://s3.example/app.apk?X-Amz-Signature=SIGNED',
      },
      {
        id: 'v2',
        version_code: '1.10.0',
        build_number: '1100',
        download_url: 'https://s3.example/app2.apk?X-Amz-Signature=SIGNED',
      },
    ],
    created_on: '2023-01-01T00:00:00Z',
  });
  const entity = createCatalogApplicationEntity(app);

  it('is a valid Application with the newest version', () => {
    expect(entity).toMatchGraphObjectSchema({ _class: ['Application'] });
    expect(entity).toMatchObject({
      _key: 'esper_application:0f0e0d0c-0b0a-4908-8706-050403020100',
      name: 'Fleet Scanner',
      packageName: 'com.acme.scanner',
      vendor: 'Acme Mobile',
      version: '1.10.0',
      versions: ['1.2.0', '1.10.0'],
      inCatalog: true,
      hidden: false,
    });
  });

  it('drops signed download URLs from _rawData', () => {
    expect(JSON.stringify(entity)).not.toContain('SIGNED');
  });
});

describe('createUncatalogedApplicationEntity', () => {
  it('keys apps outside the catalog by package name', () => {
    const entity = createUncatalogedApplicationEntity(
      DeviceAppSchema.parse({
        app_name: 'Chrome',
        package_name: 'com.android.chrome',
        version_name: '120.0',
        app_type: 'SYSTEM',
      }),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Application'] });
    expect(entity).toMatchObject({
      _key: 'esper_application:package:com.android.chrome',
      name: 'Chrome',
      packageName: 'com.android.chrome',
      inCatalog: false,
      appType: 'SYSTEM',
    });
  });
});
