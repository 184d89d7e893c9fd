import { describe, expect, it } from 'vitest';
import { EnterpriseSchema } from '../../client';
import { testConfig } from '../../../test/config';
import { createEsperAccountEntity } from './converter';

const EID = '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b';
const config = testConfig({ domain: 'acme', enterpriseId: EID, accessToken: 'k' });

const rawEnterprise = {
  id: EID,
  url: `https://acme-api.esper.cloud/api/enterprise/${EID}/`,
  name: 'Acme Logistics',
  display_name: 'Acme',
  short_code: 'AB12CD',
  mdm_service: 1,
  details: {
    registered_name: 'Acme Inc.',
    location: 'Seattle',
    contact_email: 'it@acme.example',
    contact_number: '+1 555',
  },
  created_on: '2021-03-04T05:06:07.123456Z',
  updated_on: '2022-03-04T05:06:07Z',
  is_active: true,
  emm: {
    id: 1,
    google_enterprise_id: 'LC01abcd',
    state: 4,
    signup_url: 'https://play.google.com/work/adminsignup?token=SIGNUP-SECRET',
    completion_token: 'COMPLETION-SECRET',
    enterprise_token: 'ENTERPRISE-SECRET',
  },
};

describe('createEsperAccountEntity', () => {
  const entity = createEsperAccountEntity(EnterpriseSchema.parse(rawEnterprise), config);

  it('is a valid Account', () => {
    expect(entity).toMatchGraphObjectSchema({ _class: ['Account'] });
    expect(entity).toMatchObject({
      _key: `esper_account:${EID}`,
      _type: 'esper_account',
      name: 'Acme Logistics',
      displayName: 'Acme',
      vendor: 'Esper',
      enterpriseId: EID,
      domain: 'acme',
      shortCode: 'AB12CD',
      emmState: 'ENROLLED',
      emmStateCode: 4,
      googleEnterpriseId: 'LC01abcd',
      createdOn: Date.parse('2021-03-04T05:06:07.123Z'),
      webLink: 'https://acme.esper.cloud',
    });
  });

  it('never carries the enterprise secrets, in properties or _rawData', () => {
    const json = JSON.stringify(entity);
    for (const secret of [
      'SIGNUP-SECRET',
      'COMPLETION-SECRET',
      'ENTERPRISE-SECRET',
      'signup_url',
      'completion_token',
      'enterprise_token',
    ]) {
      expect(json).not.toContain(secret);
    }
    // The whitelisted raw object still keeps the harmless fields.
    expect(entity._rawData?.[0]?.rawData).toMatchObject({
      id: EID,
      emm: { google_enterprise_id: 'LC01abcd' },
    });
    expect(json).not.toContain('+1 555'); // contact phone is not whitelisted either
  });

  it('falls back to the tenant name and names unknown EMM states', () => {
    const e = createEsperAccountEntity(
      EnterpriseSchema.parse({ id: EID, emm: { state: 77 } }),
      config,
    );
    expect(e).toMatchObject({ name: 'acme', emmState: 'UNKNOWN_77' });
    expect(e).toMatchGraphObjectSchema({ _class: ['Account'] });
  });
});
