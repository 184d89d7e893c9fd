import {
  RelationshipClass,
  type StepEntityMetadata,
  type StepRelationshipMetadata,
} from '@jupiterone/integration-sdk-core';

export const Steps = {
  ACCOUNT: 'fetch-account',
  DEVICES: 'fetch-devices',
} as const;

export const Entities = {
  ACCOUNT: { resourceName: 'Account', _type: '__vendor_snake___account', _class: ['Account'] },
  DEVICE: { resourceName: 'Device', _type: '__vendor_snake___device', _class: ['Device'] },
} as const satisfies Record<string, StepEntityMetadata>;

export const Relationships = {
  ACCOUNT_HAS_DEVICE: {
    _type: '__vendor_snake___account_has_device',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DEVICE._type,
  },
} as const satisfies Record<string, StepRelationshipMetadata>;

// The vendor's limits live below the client (src/tuning.ts); the steps read them from here.
export { __VendorPascal__Limits } from '../tuning';
