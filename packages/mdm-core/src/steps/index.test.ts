import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as steps from './index';

describe('@mdm-graph/mdm-core/steps', () => {
  it('exports these runtime names and no others', () => {
    expect(Object.keys(steps).sort()).toEqual(
      [
        'FanOut',
        'PartialData',
        'StepDataMissingError',
        'TenantRegistry',
        'defaultVendorMessages',
        'defineVendor',
        'fanOut',
        'fingerprint',
        'hasStatus',
        'ingestionSourceProblems',
        'isSourceEnabled',
        'isStepDataMissingError',
        'newReport',
        'optionalResource',
        'partialDataStep',
        'preflightMessage',
        'publishSkipped',
        'readAhead',
        'requiredResource',
        'runPreflight',
        'sourcePermissions',
        'stepData',
        'tenantRegistry',
        'warnUnavailable',
      ].sort(),
    );
  });

  it('is published as a subpath for require() and import(), with types for node10 and node16 resolution', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      type: string;
      exports: Record<string, { types: string; default: string }>;
      typesVersions: Record<string, Record<string, string[]>>;
    };
    expect(pkg.type).toBe('commonjs');
    expect(pkg.exports['./steps']).toEqual({
      types: './dist/steps/index.d.ts',
      default: './dist/steps/index.js',
    });
    expect(pkg.typesVersions['*']?.steps).toEqual(['./dist/steps/index.d.ts']);
  });
});
