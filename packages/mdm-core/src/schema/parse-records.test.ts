import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryLogger } from '../log';
import { parseRecords } from './parse-records';
import { ValidationReport } from './report';

const Device = z.object({
  device_id: z.string(),
  serial_number: z.string().nullish(),
  mdm_enabled: z.boolean().nullish(),
});

describe('parseRecords + ValidationReport', () => {
  it('keeps valid records, skips and reports invalid ones without values', () => {
    const logger = createMemoryLogger();
    const report = new ValidationReport(logger);
    const raw = [
      { device_id: 'a', serial_number: 'C02SECRETSERIAL' },
      { device_id: 42, serial_number: 'C02SECRETSERIAL' },
      'garbage-value',
      { device_id: 'd', mdm_enabled: 'True' },
      { device_id: 'e' },
    ];
    const ok = parseRecords(Device, raw, { resource: 'kandji_device', report, indexOffset: 300 });
    expect(ok.map((d) => d.device_id)).toEqual(['a', 'e']);
    expect(report.skipped()).toBe(3);
    expect(report.skipped('kandji_device')).toBe(3);
    expect(report.skipped('other')).toBe(0);
    expect(report.summary()).toEqual({ kandji_device: 3 });
    const [first, second, third] = report.entries();
    expect(first).toMatchObject({
      resource: 'kandji_device',
      index: 301,
      id: '42',
      issues: [{ path: 'device_id' }],
    });
    expect(second).toMatchObject({ index: 302, issues: [{ path: '(root)' }] });
    expect(second!.id).toBeUndefined();
    expect(third).toMatchObject({ id: 'd', issues: [{ path: 'mdm_enabled' }] });
    const log = logger.text();
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(3);
    expect(log).toContain('Skipped invalid kandji_device record 42');
    expect(log).not.toContain('C02SECRETSERIAL');
    expect(log).not.toContain('garbage-value');
    expect(log).not.toContain('True');
    report.logSummary();
    expect(logger.lines.at(-1)).toMatchObject({
      level: 'info',
      obj: { skipped: { kandji_device: 3 } },
    });
  });

  it('uses a custom idOf and survives one that throws', () => {
    const report = new ValidationReport();
    parseRecords(Device, [{ uuid: 'u1' }], {
      resource: 'r',
      report,
      idOf: (r) => (r as { uuid: string }).uuid,
    });
    parseRecords(Device, [null], {
      resource: 'r',
      report,
      idOf: () => {
        throw new Error('x');
      },
    });
    expect(report.entries().map((e) => e.id)).toEqual(['u1', undefined]);
  });
});
