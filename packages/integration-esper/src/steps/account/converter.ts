import type { Entity } from '@jupiterone/integration-sdk-core';
import { createAccountEntity, entityKey, toEpochMs } from '@mdm-graph/mdm-core';
import type { EsperEnterprise } from '../../client';
import type { EsperConfig } from '../../config';
import { Entities } from '../constants';

/** EMMEnterpriseStateEnum (Android Enterprise binding of the Esper enterprise). */
const EMM_STATES: Record<number, string> = {
  1: 'UNSPECIFIED',
  2: 'BEGIN_SIGNUP',
  3: 'COMPLETE_SIGNUP',
  4: 'ENROLLED',
  5: 'UNENROLLED',
  10: 'ENROLL_FAILED',
};

export function accountKey(enterpriseId: string): string {
  return entityKey(Entities.ACCOUNT._type, enterpriseId);
}

/**
 * The enterprise as the J1 account. `enterprise` was parsed with a whitelist
 * schema, so the secret emm fields (signup_url, completion_token,
 * enterprise_token) are not in it and cannot reach properties or _rawData.
 */
export function createEsperAccountEntity(enterprise: EsperEnterprise, config: EsperConfig): Entity {
  const name = enterprise.name ?? enterprise.display_name ?? config.domain;
  const emmState = enterprise.emm?.state ?? undefined;
  return createAccountEntity({
    _type: Entities.ACCOUNT._type,
    _key: accountKey(enterprise.id),
    name,
    displayName: enterprise.display_name ?? name,
    vendor: 'Esper',
    properties: {
      id: enterprise.id,
      enterpriseId: enterprise.id,
      domain: config.domain,
      shortCode: enterprise.short_code,
      mdmService: enterprise.mdm_service,
      active: enterprise.is_active,
      createdOn: toEpochMs(enterprise.created_on),
      updatedOn: toEpochMs(enterprise.updated_on),
      registeredName: enterprise.details?.registered_name,
      location: enterprise.details?.location,
      contactEmail: enterprise.details?.contact_email,
      googleEnterpriseId: enterprise.emm?.google_enterprise_id,
      emmStateCode: emmState,
      emmState:
        emmState !== undefined && emmState !== null
          ? (EMM_STATES[emmState] ?? `UNKNOWN_${emmState}`)
          : undefined,
      webLink: config.consoleUrl,
    },
    rawData: enterprise,
  });
}
