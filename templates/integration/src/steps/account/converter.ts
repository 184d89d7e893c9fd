import { createAccountEntity } from '@mdm-graph/mdm-core';
import type { __VendorPascal__Account } from '../../client';
import { Entities } from '../constants';

export function accountKey(id: string): string {
  return `${Entities.ACCOUNT._type}:${id}`;
}

export function createAccount(account: __VendorPascal__Account, apiUrl: string) {
  const host = new URL(apiUrl).hostname;
  return createAccountEntity({
    _type: Entities.ACCOUNT._type,
    _key: accountKey(account.id),
    name: account.name ?? host,
    vendor: '__Vendor__',
    properties: { accountId: account.id, apiHost: host },
  });
}
