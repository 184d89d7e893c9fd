import {
  type Entity,
  RelationshipClass,
  type StepEntityMetadata,
  type StepRelationshipMetadata,
} from '@jupiterone/integration-sdk-core';
import { stepData } from '@mdm-graph/mdm-core/steps';

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

/** The account entity, set by the account step for the steps that depend on it. */
export const AccountData = stepData<Entity>('ACCOUNT_ENTITY', {
  producerStep: Steps.ACCOUNT,
  what: `The ${Entities.ACCOUNT._type} entity`,
  code: '__VENDOR___ACCOUNT_MISSING',
});

/** Vendor facts the collection relies on (replace with the vendor's documented figures). */
export const __VendorPascal__Limits = {
  /** Per-device detail requests in flight at once. */
  DETAIL_CONCURRENCY: 5,
} as const;
