import type { Entity } from '@jupiterone/integration-sdk-core';
import { createAccountEntity, entityKey } from '@mdm-graph/mdm-core';
import type { KandjiLicensing } from '../../client';
import type { KandjiApiLocation } from '../../config';
import { Entities } from '../constants';

export function accountKey(location: KandjiApiLocation): string {
  return entityKey(Entities.ACCOUNT._type, location.tenant);
}

/** The tenant (subdomain of the API URL); licensing adds counts and limits when the token may read them. */
export function createAccount(location: KandjiApiLocation, licensing?: KandjiLicensing): Entity {
  return createAccountEntity({
    _type: Entities.ACCOUNT._type,
    _key: accountKey(location),
    name: location.tenant,
    displayName: `Kandji ${location.tenant}`,
    vendor: 'Kandji',
    properties: {
      id: location.tenant,
      region: location.region,
      apiUrl: location.apiUrl,
      webLink: location.webUrl,
      computersCount: licensing?.counts?.computers_count ?? undefined,
      macosCount: licensing?.counts?.macos_count ?? undefined,
      iosCount: licensing?.counts?.ios_count ?? undefined,
      ipadosCount: licensing?.counts?.ipados_count ?? undefined,
      tvosCount: licensing?.counts?.tvos_count ?? undefined,
      planType: licensing?.limits?.plan_type ?? undefined,
      maxDevices: licensing?.limits?.max_devices ?? undefined,
      overLicenseLimit: licensing?.tenantOverLicenseLimit ?? undefined,
    },
  });
}
