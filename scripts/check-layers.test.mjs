// Tests of scripts/check-layers.mjs on fixture trees:  node --test scripts/check-layers.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkLayers, importsOf, layerOf } from './check-layers.mjs';

const made = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A package directory whose src/ holds `files` (path -> source). */
function fixture(files) {
  const dir = mkdtempSync(join(tmpdir(), 'check-layers-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, 'src', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/** The one skeleton, imports downwards only. */
const CLEAN = {
  'config.ts': "import { z } from 'zod';\nexport const schema = z.object({});\n",
  'tuning.ts': "import { schema } from './config';\nexport const tuning = schema;\n",
  'client.ts':
    "import type { Config } from './config';\nexport interface DeviceRecord { id: string }\nexport const listDevices = (c: Config) => [];\n",
  'steps/constants.ts': "export const Steps = { DEVICES: 'fetch-devices' };\n",
  'steps/devices/converter.ts':
    "import type { DeviceRecord } from '../../client';\nexport const convert = (d: DeviceRecord) => d;\n",
  'steps/devices/index.ts':
    "import { listDevices } from '../../client';\nimport { convert } from './converter';\nimport { Steps } from '../constants';\nexport const step = { id: Steps.DEVICES, run: () => listDevices({}).map(convert) };\n",
  'steps/index.ts': "export { step } from './devices';\n",
  'sources.ts':
    "import { Steps } from './steps/constants';\nexport const SOURCES = [Steps.DEVICES];\n",
  'validate.ts': "import { listDevices } from './client';\nexport const validate = listDevices;\n",
  'index.ts':
    "import { step } from './steps';\nimport { validate } from './validate';\nexport const invocationConfig = { steps: [step], validate };\n",
  'client.test.ts': "import { step } from './steps';\nexport const t = step;\n",
};

describe('check-layers', () => {
  it('passes a clean skeleton (tests are not checked)', () => {
    const r = checkLayers(fixture(CLEAN));
    assert.deepEqual(r.problems, []);
    assert.equal(r.files, 10);
  });

  it('fails a cycle between two files, naming it', () => {
    const dir = fixture({
      ...CLEAN,
      'config.ts': "import { probe } from './session';\nexport const schema = probe;\n",
      'session.ts': "import { schema } from './config';\nexport const probe = () => schema;\n",
    });
    const { problems } = checkLayers(dir);
    assert.ok(
      problems.includes('import cycle: config.ts -> session.ts -> config.ts'),
      problems.join('\n'),
    );
  });

  it('finds a cycle of type-only imports and a file importing itself', () => {
    const dir = fixture({
      ...CLEAN,
      'steps/a.ts': "import type { B } from './b';\nexport type A = B[];\n",
      'steps/b.ts': "import type { A } from './a';\nexport type B = { a: A };\n",
      'steps/self.ts': "export * from './self';\n",
    });
    const { problems } = checkLayers(dir);
    assert.ok(
      problems.includes('import cycle: steps/a.ts -> steps/b.ts -> steps/a.ts'),
      problems.join('\n'),
    );
    assert.ok(
      problems.includes('import cycle: steps/self.ts -> steps/self.ts'),
      problems.join('\n'),
    );
  });

  it('fails a client importing steps, directly or through a file between layers', () => {
    const direct = checkLayers(
      fixture({
        ...CLEAN,
        'client.ts': "import { Steps } from './steps/constants';\nexport const x = Steps;\n",
      }),
    ).problems;
    assert.deepEqual(direct, [
      'client.ts -> steps/constants.ts: client must not import steps (layers: config <- client <- steps <- entry)',
    ]);
    const { 'client.ts': clientTs, ...withoutClient } = CLEAN;
    const via = checkLayers(
      fixture({
        ...withoutClient,
        'client/index.ts': `${clientTs}export * from './devices';\n`,
        'client/devices.ts': "import { SOURCES } from '../sources';\nexport const y = SOURCES;\n",
      }),
    ).problems;
    assert.ok(
      via.includes(
        'client/devices.ts -> sources.ts -> steps/constants.ts: client must not import steps (layers: config <- client <- steps <- entry)',
      ),
      via.join('\n'),
    );
  });

  it('fails config importing the client (even type-only) and steps importing the entry', () => {
    const { problems } = checkLayers(
      fixture({
        ...CLEAN,
        'tuning.ts':
          "import type { DeviceRecord } from './client';\nexport type T = DeviceRecord;\n",
        'steps/constants.ts':
          "import { validate } from '../validate';\nexport const Steps = { DEVICES: String(validate) };\n",
      }),
    );
    assert.ok(
      problems.includes(
        'tuning.ts -> client.ts (type-only): config must not import client (layers: config <- client <- steps <- entry)',
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith('steps/constants.ts -> validate.ts: steps must not import entry'),
      ),
      problems.join('\n'),
    );
  });

  it('fails a converter calling the client (its record types may be imported as types)', () => {
    const { problems } = checkLayers(
      fixture({
        ...CLEAN,
        'steps/devices/converter.ts':
          "import { listDevices } from '../../client';\nexport const convert = (d: unknown) => [d, listDevices];\n",
      }),
    );
    assert.deepEqual(problems, [
      'steps/devices/converter.ts -> client.ts: a converter must not import the client (converters are pure)',
    ]);
  });

  it('reads every import form; classifies files by path', () => {
    const specs = importsOf(
      [
        "import a from './a';",
        "import type { B } from './b';",
        "export { c } from './c';",
        "export * from './d';",
        "const e = require('./e');",
        "const f = await import('./f');",
        "type G = import('./g').G;",
        "import './h';",
        "// import { no } from './comment';",
      ].join('\n'),
    );
    assert.deepEqual(
      specs.map((s) => `${s.spec}${s.typeOnly ? ' (type)' : ''}`),
      ['./a', './b (type)', './c', './d', './e', './f', './g (type)', './h'],
    );
    assert.equal(layerOf('tuning.ts'), 'config');
    assert.equal(layerOf('client-v2.ts'), 'client');
    assert.equal(layerOf('findings-client.ts'), 'client');
    assert.equal(layerOf('client/devices.ts'), 'client');
    assert.equal(layerOf('steps/users/index.ts'), 'steps');
    assert.equal(layerOf('validate.ts'), 'entry');
    assert.equal(layerOf('sources.ts'), undefined);
  });
});
