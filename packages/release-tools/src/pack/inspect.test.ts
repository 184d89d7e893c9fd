import { describe, expect, it } from 'vitest';
import {
  checkPackedPackage,
  filesFromPackJson,
  type PackedManifest,
  type PackRules,
} from './inspect';

const rules: PackRules = {
  privatePackages: new Set(['@jupiterone/integration-sdk-entity-validator', '@x/runner']),
  runtimeProvided: ['@jupiterone/integration-sdk-core'],
  required: ['docs/jupiterone.md', 'jupiterone/questions/questions.yaml'],
};

const manifest: PackedManifest = {
  name: '@x/integration-acme',
  version: '1.2.3',
  main: 'dist/src/index.js',
  types: 'dist/src/index.d.ts',
  exports: {
    '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' },
    './package.json': './package.json',
  },
  dependencies: { '@x/mdm-core': '^0.4.0', zod: '^4.1.0' },
  peerDependencies: { '@jupiterone/integration-sdk-core': '^17.4.0' },
};

const files = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'dist/src/index.js',
  'dist/src/index.d.ts',
  'dist/src/steps/devices/converter.js',
  'dist/src/steps/devices/converter.d.ts',
  'docs/jupiterone.md',
  'jupiterone/questions/questions.yaml',
];

describe('checkPackedPackage', () => {
  it('accepts a clean integration tarball', () => {
    expect(checkPackedPackage(manifest, files, rules)).toEqual([]);
  });

  it('rejects tests, fixtures, simulators, source maps, env files and configs, one line per rule', () => {
    const extra = [
      'dist/src/steps/devices/converter.test.js',
      'dist/src/steps/devices/converter.test.d.ts',
      'dist/src/__fixtures__/device.json',
      'dist/simulator/index.js',
      'dist/simulator/index.d.ts',
      'dist/src/index.js.map',
      '.env',
      'tsconfig.build.json',
      'test-artifacts/vitest.json',
      'bench/run.ts',
    ];
    expect(checkPackedPackage(manifest, [...files, ...extra], rules)).toEqual([
      'ships 2 files: test file, e.g. dist/src/steps/devices/converter.test.js, dist/src/steps/devices/converter.test.d.ts',
      'ships 2 files: test or fixture directory, e.g. dist/src/__fixtures__/device.json, test-artifacts/vitest.json',
      'ships 2 files: vendor simulator (not published), e.g. dist/simulator/index.js, dist/simulator/index.d.ts',
      'ships dist/src/index.js.map (source map (its sources are not shipped))',
      'ships .env (environment file)',
      'ships tsconfig.build.json (build or test configuration)',
      'ships bench/run.ts (benchmark or script)',
    ]);
  });

  it('requires the docs, questions, entry points and declarations', () => {
    const shipped = files.filter(
      (f) =>
        !f.startsWith('docs/') &&
        f !== 'dist/src/index.d.ts' &&
        f !== 'dist/src/steps/devices/converter.d.ts',
    );
    expect(checkPackedPackage(manifest, shipped, rules)).toEqual([
      'does not ship docs/jupiterone.md',
      'entry point dist/src/index.d.ts is not in the tarball',
      'entry point ./dist/src/index.d.ts is not in the tarball',
      'dist/src/index.js has no declaration file',
      'dist/src/steps/devices/converter.js has no declaration file',
    ]);
    expect(checkPackedPackage({ ...manifest, types: undefined }, files, rules)).toEqual([
      'has no "types" entry',
    ]);
  });

  it('rejects unrewritten workspace ranges, private dependencies and a bundled SDK core', () => {
    const bad: PackedManifest = {
      ...manifest,
      private: true,
      dependencies: {
        '@x/mdm-core': 'workspace:^',
        zod: 'catalog:',
        '@x/runner': '0.0.0',
        '@jupiterone/integration-sdk-core': '^17.4.0',
      },
      peerDependencies: { '@jupiterone/integration-sdk-entity-validator': '*' },
    };
    expect(checkPackedPackage(bad, files, rules)).toEqual([
      'package.json is private: it cannot be published',
      'dependencies.@x/mdm-core is "workspace:^": pack with pnpm so it becomes a real version range',
      'dependencies.zod is "catalog:": pack with pnpm so it becomes a real version range',
      'dependencies.@x/runner: depends on a private workspace package that is never published',
      'peerDependencies.@jupiterone/integration-sdk-entity-validator: depends on a private workspace package that is never published',
      'dependencies.@jupiterone/integration-sdk-core: the JupiterOne runtime supplies it; declare it in peerDependencies only',
    ]);
  });
});

describe('filesFromPackJson', () => {
  it('reads pnpm and npm pack --json shapes', () => {
    expect(
      filesFromPackJson({ files: [{ path: 'package.json' }, { path: 'dist/index.js' }] }),
    ).toEqual(['package.json', 'dist/index.js']);
    expect(filesFromPackJson([{ files: [{ path: 'a' }] }])).toEqual(['a']);
    expect(filesFromPackJson({ files: ['b'] })).toEqual(['b']);
    expect(filesFromPackJson(undefined)).toEqual([]);
  });
});
