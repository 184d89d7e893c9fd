import { describe, expect, it } from 'vitest';
import { getSchema, getValidator, getValidatorSync, setSchemaSingleton } from './singleton';
import { EntityValidator } from './validator';

describe('validator singleton', () => {
  it('builds one shared validator over the bundled schemas without touching the network', async () => {
    setSchemaSingleton({ validatorInstance: undefined, schemaStore: [] });
    const first = getValidatorSync();
    expect(getValidatorSync()).toBe(first);
    expect(await getValidator()).toBe(first);
    expect(getSchema('#Device')?.$id).toBe('#Device');
    expect(first.hasSchema('#User')).toBe(true);
  });

  it('supports the chained addSchemas(...).validateEntity(...) call of the testing matchers', () => {
    setSchemaSingleton({ validatorInstance: undefined, schemaStore: [] });
    const result = getValidatorSync()
      .addSchemas([{ $id: '#acme_widget', type: 'object', required: ['size'] }])
      .validateEntity({ _key: 'acme:widget:1', _type: 'acme_widget', _class: ['Configuration'] });
    expect(result.isValid).toBe(false);
    expect(result.errors?.[0]).toMatchObject({ schemaId: '#acme_widget', property: 'size' });
  });

  it('uses schemas from a custom loader when given', async () => {
    setSchemaSingleton({ validatorInstance: undefined, schemaStore: [] });
    const v = await getValidator(async () => ({ Only: { $id: '#Only', type: 'object' } }));
    expect(v).toBeInstanceOf(EntityValidator);
    expect(v.hasSchema('#Only')).toBe(true);
    expect(v.hasSchema('#Device')).toBe(false);
    setSchemaSingleton({ validatorInstance: undefined, schemaStore: [] });
  });
});
