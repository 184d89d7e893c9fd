import { IntegrationWarnEventName } from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRecords } from '../schema/parse-records';
import { newReport, publishSkipped } from './skipped';
import { defineVendor } from './vendor';
import { fakeContext } from './__tests__/context';

const vendor = defineVendor({
  name: 'Kandji',
  credential: 'API token',
  grantWhere: 'Kandji Settings > Access',
  credentialField: 'accessToken (ACCESS_TOKEN)',
});

describe('publishSkipped', () => {
  it('warns once with the counts per resource (IncompleteData), never the values', () => {
    const context = fakeContext();
    const report = newReport(context);
    const schema = z.object({ id: z.string() });
    parseRecords(schema, [{ id: 'a' }, { id: 42, secret: 'do-not-log' }, {}], {
      resource: 'device',
      report,
    });
    parseRecords(schema, [{ id: 7 }], { resource: 'user', report });
    expect(publishSkipped({ vendor, context }, report)).toBe(3);
    const description =
      'Skipped 3 Kandji record(s) that did not match the expected shape: 2 device, 1 user. The rest was ingested.';
    expect(context.events).toEqual([
      { name: IntegrationWarnEventName.IncompleteData, description },
    ]);
    expect(context.warnings()).toContain(description);
    expect(JSON.stringify(context.lines)).not.toContain('do-not-log');
  });

  it('says nothing when nothing was skipped', () => {
    const context = fakeContext();
    expect(publishSkipped({ vendor, context }, newReport(context))).toBe(0);
    expect(context.events).toEqual([]);
    expect(context.warnings()).toEqual([]);
  });
});
