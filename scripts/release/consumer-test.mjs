#!/usr/bin/env node
// Proves the published packages work for someone who installs them from npm, outside
// this workspace: no workspace links, no pnpm, no TypeScript sources.
//
//  1. packs @mdm-graph/mdm-core and every integration of integrations.json with pnpm
//     (workspace:^ -> real ranges, exactly what `changeset publish` uploads);
//  2. installs the tarballs with plain npm into a fresh temporary project, with the
//     JupiterOne SDK core/runtime 17.4, the j1-integration CLI 8.41, ts-node and
//     typescript. The one concession to this build machine's registry: an npm
//     `overrides` entry pointing @jupiterone/integration-sdk-entity-validator at the
//     packed workspace stand-in (see README); a complete registry has the real one;
//  3. checks the install: one shared SDK core (peer dependency) and mdm-core, require()
//     and import() of every entry point, simulators not shipped, and the declarations
//     compile in a TypeScript consumer (moduleResolution node10 and node16);
//  4. starts each integration's simulator from the workspace's built dist/simulator
//     (the registry contract, its `consumer` preset) and collects from it twice:
//     `require(pkg).invocationConfig` through the JupiterOne runtime
//     (executeIntegrationLocally), and the stock `j1-integration collect` on a project
//     whose src/index.js re-exports the package; every step must succeed, every entity
//     _type declared by a step that ran must have entities, and the simulator's secrets
//     (API token…) must appear in no graph file or log;
//  5. checks that every property the shipped managed questions read is set on a
//     collected entity of that _type.
// Prints PASS/FAIL lines and exits 1 on any failure.
//
// Usage: node scripts/release/consumer-test.mjs [--keep] [--no-build]
// CONSUMER_NPM_CACHE overrides the npm cache (default ~/.cache/mdm-graph/consumer-npm).
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import {
  ENTITY_VALIDATOR,
  PUBLISHED,
  check,
  fail,
  failureCount,
  packPackage,
  pass,
  pnpm,
  releaseTools,
  resolveFromReleaseTools,
  root,
  run,
  seconds,
} from './lib.mjs';

const started = Date.now();
// Anything unexpected is a FAIL line and a non-zero exit, never a silent crash.
process.on('uncaughtException', (err) => {
  console.log(`FAIL consumer test crashed: ${err.stack ?? err}`);
  process.exit(1);
});
process.on('unhandledRejection', (err) => {
  console.log(`FAIL consumer test crashed: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
const keep = process.argv.includes('--keep');
const timings = [];
function timed(label, t0) {
  timings.push(`${label} ${seconds(t0)}`);
}

/** The integrations of integrations.json (their packages are published). */
const INTEGRATIONS = PUBLISHED.filter((p) => p.integration);
const SDK = { core: '17.4.0', runtime: '17.4.0', cli: '8.41.0' };

// ---------------------------------------------------------------------------------------------
// 0. build what is packed and the simulators (turbo: cached, seconds when nothing changed)
if (!process.argv.includes('--no-build')) {
  const t0 = Date.now();
  const filters = [...PUBLISHED, ENTITY_VALIDATOR, { name: '@mdm-graph/release-tools' }].map(
    (p) => `--filter=${p.name}`,
  );
  const r = pnpm(['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only']);
  if (r.status !== 0) {
    fail('build the packages and simulators', [
      (r.stdout + r.stderr).trim().split('\n').slice(-30).join('\n'),
    ]);
    process.exit(1);
  }
  timed('build', t0);
}
const tools = releaseTools();
/** Shared versions (ts-node, typescript, @types/node) from the workspace catalog. */
const catalog =
  createRequire(import.meta.url)(resolveFromReleaseTools('yaml')).parse(
    readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'),
  ).catalog ?? {};

// ---------------------------------------------------------------------------------------------
// 1. pack
const work = mkdtempSync(join(tmpdir(), 'mdm-graph-consumer-'));
if (!relative(root, work).startsWith('..') && !relative(root, work).startsWith(sep)) {
  fail('consumer project outside the workspace', [`${work} is inside ${root}`]);
  process.exit(1);
}
const tarballDir = join(work, 'tarballs');
const tarballs = {};
{
  const t0 = Date.now();
  try {
    for (const pkg of [...PUBLISHED, ENTITY_VALIDATOR])
      tarballs[pkg.name] = packPackage(pkg.dir, tarballDir).tarball;
    pass(
      `pack ${Object.values(tarballs)
        .map((t) => basename(t))
        .join(', ')}`,
    );
  } catch (err) {
    fail('pack', [err.message]);
    finish();
  }
  timed('pack', t0);
}

// ---------------------------------------------------------------------------------------------
// 2. npm install into a fresh project
const project = join(work, 'project');
mkdirSync(project, { recursive: true });
const npmCache =
  process.env.CONSUMER_NPM_CACHE || join(homedir(), '.cache', 'mdm-graph', 'consumer-npm');
// The entity validator SDK core 17 needs: the real one when the registry has it (npmjs.org,
// so GitHub CI tests exactly what users get), else the packed workspace stand-in.
// CONSUMER_ENTITY_VALIDATOR=standin|registry forces one.
const validatorMode = process.env.CONSUMER_ENTITY_VALIDATOR ?? 'auto';
const useStandIn =
  validatorMode === 'standin' ||
  (validatorMode === 'auto' &&
    run('npm', ['view', `${ENTITY_VALIDATOR.name}@${SDK.core}`, 'version', '--cache', npmCache], {
      cwd: work,
    }).status !== 0);
console.log(
  `entity validator: ${useStandIn ? 'workspace stand-in via npm overrides (the registry lacks the real one)' : 'the real package from the registry'}`,
);
const fileSpec = (name) => `file:${relative(project, tarballs[name]).split(sep).join('/')}`;
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify(
    {
      name: 'mdm-graph-consumer',
      version: '0.0.0',
      private: true,
      description: 'A JupiterOne user installing the published packages from npm',
      dependencies: {
        ...Object.fromEntries(PUBLISHED.map((p) => [p.name, fileSpec(p.name)])),
        '@jupiterone/integration-sdk-core': SDK.core,
        '@jupiterone/integration-sdk-runtime': SDK.runtime,
        '@jupiterone/integration-sdk-cli': SDK.cli,
        'ts-node': catalog['ts-node'] ?? '^10.9.2',
        typescript: catalog.typescript ?? '~5.9.3',
        '@types/node': catalog['@types/node'] ?? '^20.19.0',
      },
      // Registry workaround only (see README), when the registry lacks this package.
      ...(useStandIn
        ? { overrides: { [ENTITY_VALIDATOR.name]: fileSpec(ENTITY_VALIDATOR.name) } }
        : {}),
    },
    null,
    2,
  ),
);
{
  const t0 = Date.now();
  const r = run(
    'npm',
    [
      'install',
      '--cache',
      npmCache,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--no-update-notifier',
    ],
    // cwd is outside the workspace, so its .npmrc (auto-install-peers...) does not apply: a plain npm user.
    { cwd: project },
  );
  timed('npm install', t0);
  if (
    !check(
      `npm install of the tarballs + SDK ${SDK.core} / CLI ${SDK.cli} (${seconds(t0)}, cache ${npmCache})`,
      r.status === 0 ? [] : [(r.stderr || r.stdout).trim().split('\n').slice(-20).join('\n')],
    )
  )
    finish();
}

// ---------------------------------------------------------------------------------------------
// 3. what got installed, and loading it
const projectRequire = createRequire(join(project, 'package.json'));
{
  const problems = [];
  const core = projectRequire.resolve('@jupiterone/integration-sdk-core');
  for (const p of PUBLISHED) {
    const pkgDir = dirname(projectRequire.resolve(`${p.name}/package.json`));
    if (pkgDir.includes(`${sep}.pnpm${sep}`) || !pkgDir.startsWith(project))
      problems.push(`${p.name} resolved outside the project: ${pkgDir}`);
    const fromPkg = createRequire(join(pkgDir, 'package.json'));
    const theirCore = fromPkg.resolve('@jupiterone/integration-sdk-core');
    if (theirCore !== core)
      problems.push(
        `${p.name} loads its own @jupiterone/integration-sdk-core (${theirCore}): it must be a peer dependency`,
      );
    if (p.integration) {
      const theirMdm = fromPkg.resolve('@mdm-graph/mdm-core');
      if (theirMdm !== projectRequire.resolve('@mdm-graph/mdm-core'))
        problems.push(`${p.name} has a second copy of mdm-core (${theirMdm})`);
      if (existsSync(join(pkgDir, 'dist', 'simulator')))
        problems.push(`${p.name} ships dist/simulator`);
    }
  }
  check(
    'one SDK core (peer) and one mdm-core shared by both integrations; no simulators installed',
    problems,
  );
}

const loadScript = `
const assert = require('node:assert/strict');
const core = require('@mdm-graph/mdm-core');
for (const name of ['HttpClient', 'bearerAuth', 'oauth2ClientCredentials', 'paginate', 'parseRecords', 'createDeviceEntity', 'toJupiterOneError', 'ApiCallError', 'Redactor']) {
  assert.ok(core[name], '@mdm-graph/mdm-core exports ' + name);
}
const sim = require('@mdm-graph/mdm-core/sim');
assert.equal(typeof sim.startSimServer, 'function', '@mdm-graph/mdm-core/sim exports startSimServer');
const steps = require('@mdm-graph/mdm-core/steps');
assert.equal(typeof steps.partialDataStep, 'function', '@mdm-graph/mdm-core/steps exports partialDataStep');
assert.match(require('@mdm-graph/mdm-core/package.json').version, /^\\d+\\.\\d+\\.\\d+/);
const integrations = ${JSON.stringify(INTEGRATIONS.map((p) => p.name))};
for (const name of integrations) {
  const { invocationConfig } = require(name);
  assert.ok(invocationConfig && invocationConfig.integrationSteps.length > 0, name + ' exports invocationConfig with steps');
  assert.equal(typeof invocationConfig.validateInvocation, 'function');
  assert.throws(() => require.resolve(name + '/dist/simulator/index.js'), /not defined by "exports"|Cannot find module/);
}
(async () => {
  for (const name of [...integrations, '@mdm-graph/mdm-core', '@mdm-graph/mdm-core/sim']) {
    const mod = await import(name);
    assert.ok(Object.keys(mod).length > 1, 'import(' + name + ') has named exports');
  }
  for (const name of integrations) {
    const { invocationConfig } = await import(name);
    assert.ok(invocationConfig.integrationSteps.length > 0, 'ESM named import of invocationConfig from ' + name);
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
`;
{
  writeFileSync(join(project, 'load.cjs'), loadScript);
  const r = run(process.execPath, ['load.cjs'], { cwd: project });
  check(
    'require() and import() of every entry point; subpaths outside "exports" are closed',
    r.status === 0 ? [] : [(r.stderr || r.stdout).trim()],
  );
}

{
  const t0 = Date.now();
  const dir = join(project, 'typecheck');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'consumer.ts'),
    `${INTEGRATIONS.map((p, i) => `import { invocationConfig as integration${i} } from '${p.name}';`).join('\n')}
import { HttpClient, bearerAuth, createDeviceEntity, type MdmDevice } from '@mdm-graph/mdm-core';
import { startSimServer, SeededRandom, type SimServer } from '@mdm-graph/mdm-core/sim';
import { defineVendor, type PartialData } from '@mdm-graph/mdm-core/steps';

const stepIds: string[] = [${INTEGRATIONS.map((_, i) => `...integration${i}.integrationSteps`).join(', ')}].map((s) => s.id);
const device: MdmDevice = { id: 'd-1', name: 'Mac' };
const entity = createDeviceEntity({ _type: 'acme_device', _key: 'acme_device:d-1', device });
const client: HttpClient = new HttpClient({ baseUrl: 'https://example.com/api', auth: bearerAuth('t') });
const start: (o: Parameters<typeof startSimServer>[0]) => Promise<SimServer> = startSimServer;
const vendor = defineVendor({ name: 'Acme', credential: 'API token', grantWhere: 'Acme Admin', credentialField: 'apiToken (API_TOKEN)' });
const partial: PartialData | undefined = undefined;
export const used = [stepIds, entity._type, client.baseUrl, start, new SeededRandom(1).next(), vendor.fixes({ permission: 'Apps' }), partial];
`,
  );
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  // Both resolutions at once (two cores): node10 reads typesVersions, node16 reads "exports".
  const results = await Promise.all(
    [
      ['commonjs', 'node10'],
      ['node16', 'node16'],
    ].map(async ([mod, res]) => {
      const args = [
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        mod,
        '--moduleResolution',
        res,
        '--types',
        'node',
        'consumer.ts',
      ];
      const r = await spawnLogged(process.execPath, [tsc, ...args], {
        cwd: dir,
        logFile: join(dir, `tsc-${res}.log`),
      });
      return r.code === 0 ? undefined : `moduleResolution ${res}:\n${r.log.trim()}`;
    }),
  );
  const problems = results.filter(Boolean);
  check(
    `declarations compile in a TypeScript consumer (moduleResolution node10 and node16, ${seconds(t0)})`,
    problems,
  );
  timed('typecheck', t0);
}

// ---------------------------------------------------------------------------------------------
// 4. collections against the simulators
const workspaceRequire = createRequire(join(root, 'package.json'));
/** Started simulators by integration id (the registry contract of each built dist/simulator). */
const sims = {};
try {
  for (const p of INTEGRATIONS) {
    const mod = workspaceRequire(join(root, p.dir, p.simulator.module));
    const contract = mod[p.simulator.contract ?? 'simulator'];
    if (!contract || typeof contract.start !== 'function')
      throw new Error(
        `${p.dir}/${p.simulator.module} does not export the registry contract "${p.simulator.contract ?? 'simulator'}"`,
      );
    // The consumer preset: every entity type of the data model present (findings on several
    // Macs, a multi-OS enterprise…), so the managed questions' properties are exercised too.
    sims[p.integration] = await contract.start({ profile: 'consumer' });
  }
} catch (err) {
  fail('start the simulators from dist/simulator', [err.stack ?? String(err)]);
  await Promise.allSettled(Object.values(sims).map((sim) => sim.close()));
  finish();
}

/** The collection's environment: only the instance config (each source at its default). */
const envFor = Object.fromEntries(
  Object.entries(sims).map(([id, sim]) => [
    id,
    Object.fromEntries(
      Object.entries(sim.env).filter(([k]) => !/^(ENABLED|DISABLED)_INGESTION_SOURCES$/.test(k)),
    ),
  ]),
);
const secretsFor = Object.fromEntries(
  Object.entries(sims).map(([id, sim]) => [id, sim.secrets.filter(Boolean)]),
);

const runtimeScript = `// A consumer's own runner: the JupiterOne runtime driving the published invocationConfig.
const { writeFileSync } = require('node:fs');
const { executeIntegrationLocally } = require('@jupiterone/integration-sdk-runtime');
const { invocationConfig } = require(process.argv[2]);
executeIntegrationLocally(invocationConfig, { current: { startedOn: Date.now() } }, { enableSchemaValidation: true }).then(
  (result) => writeFileSync('result.json', JSON.stringify(result, null, 2)),
  (err) => { console.error('collection failed:', err && err.message); process.exit(1); },
);
`;
writeFileSync(join(project, 'run-runtime.cjs'), runtimeScript);
const cliBin = join(
  project,
  'node_modules',
  '@jupiterone',
  'integration-sdk-cli',
  'bin',
  'j1-integration',
);

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, logFile: string, timeoutMs?: number }} options
 */
function spawnLogged(cmd, args, { cwd, env, logFile, timeoutMs = 180_000 }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const log = Buffer.concat(chunks).toString('utf8');
      writeFileSync(logFile, log);
      resolve({ code: signal ? `killed by ${signal} after ${timeoutMs} ms` : code, log });
    });
  });
}

function listJson(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json'))
    .map((d) => join(d.parentPath ?? d.path, d.name));
}

/** Entities and relationships under .j1-integration/graph, by _type, plus the properties with a value (not null) per entity _type. */
function readGraph(storageDir) {
  const entities = new Map();
  const properties = new Map();
  let relationships = 0;
  const texts = [];
  for (const file of listJson(join(storageDir, 'graph'))) {
    const text = readFileSync(file, 'utf8');
    texts.push(text);
    const data = JSON.parse(text);
    for (const e of data.entities ?? []) {
      entities.set(e._type, (entities.get(e._type) ?? 0) + 1);
      const seen = properties.get(e._type) ?? new Set();
      for (const [k, v] of Object.entries(e)) if (v !== undefined && v !== null) seen.add(k);
      properties.set(e._type, seen);
    }
    relationships += (data.relationships ?? []).length + (data.mappedRelationships ?? []).length;
  }
  return { entities, properties, relationships, text: texts.join('\n') };
}

/** Entity _types declared by the steps that ran (a step switched off by its source declares none). */
function expectedTypes(pkgName, stepResults) {
  const ran = new Set(stepResults.filter((s) => s.status !== 'disabled').map((s) => s.id));
  const { invocationConfig } = projectRequire(pkgName);
  return [
    ...new Set(
      invocationConfig.integrationSteps
        .filter((s) => ran.has(s.id))
        .flatMap((s) => (s.entities ?? []).map((e) => e._type)),
    ),
  ];
}

function graphProblems(name, graph, extraText, types) {
  const problems = [];
  if (types.length === 0) problems.push('no step that ran declares an entity type');
  for (const type of types) if (!graph.entities.get(type)) problems.push(`no ${type} entities`);
  if (graph.relationships === 0) problems.push('no relationships');
  for (const secret of secretsFor[name]) {
    if (secret && (graph.text.includes(secret) || extraText.includes(secret)))
      problems.push('the API secret appears in the graph or the log');
  }
  return problems;
}

const describeCounts = (graph) =>
  `${[...graph.entities.values()].reduce((a, b) => a + b, 0)} entities (${[...graph.entities].map(([t, n]) => `${t} ${n}`).join(', ')}), ${graph.relationships} relationships`;

async function runtimeCollection(name, pkg) {
  const t0 = Date.now();
  const dir = join(project, `runtime-${name}`);
  mkdirSync(dir, { recursive: true });
  const r = await spawnLogged(process.execPath, [join(project, 'run-runtime.cjs'), pkg], {
    cwd: dir,
    env: { ...envFor[name], DISABLE_DISK_USAGE_METRIC: '1' },
    logFile: join(dir, 'collect.log'),
  });
  const problems = [];
  let graph;
  if (r.code !== 0)
    problems.push(`exit ${r.code}: ${r.log.trim().split('\n').slice(-15).join('\n')}`);
  else {
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    for (const s of result.integrationStepResults)
      if (s.status !== 'success') problems.push(`step ${s.id}: ${s.status}`);
    if (result.metadata?.partialDatasets?.types?.length)
      problems.push(`partial datasets: ${result.metadata.partialDatasets.types.join(', ')}`);
    graph = readGraph(join(dir, '.j1-integration'));
    problems.push(
      ...graphProblems(name, graph, r.log, expectedTypes(pkg, result.integrationStepResults)),
    );
    if (problems.length === 0)
      pass(
        `${name}: require('${pkg}').invocationConfig with executeIntegrationLocally: ${result.integrationStepResults.length} steps success, ${describeCounts(graph)} (${seconds(t0)})`,
      );
  }
  if (problems.length > 0)
    fail(
      `${name}: require('${pkg}').invocationConfig with executeIntegrationLocally (log: ${join(dir, 'collect.log')})`,
      problems,
    );
  timed(`${name} runtime`, t0);
  return graph;
}

async function cliCollection(name, pkg) {
  const t0 = Date.now();
  const dir = join(project, `cli-${name}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  // The CLI loads <project>/src/index (through ts-node); a plain re-export is a whole integration project.
  writeFileSync(join(dir, 'src', 'index.js'), `module.exports = require('${pkg}');\n`);
  const r = await spawnLogged(process.execPath, [cliBin, 'collect'], {
    cwd: dir,
    env: { ...envFor[name], DISABLE_DISK_USAGE_METRIC: '1' },
    logFile: join(dir, 'collect.log'),
  });
  const problems = [];
  const summaryPath = join(dir, '.j1-integration', 'summary.json');
  if (r.code !== 0)
    problems.push(`exit ${r.code}: ${r.log.trim().split('\n').slice(-15).join('\n')}`);
  if (!existsSync(summaryPath)) problems.push('no .j1-integration/summary.json');
  else {
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
    const steps = summary.integrationStepResults ?? [];
    if (steps.length === 0) problems.push('summary.json lists no steps');
    for (const s of steps) if (s.status !== 'success') problems.push(`step ${s.id}: ${s.status}`);
    if (summary.metadata?.partialDatasets?.types?.length)
      problems.push(`partial datasets: ${summary.metadata.partialDatasets.types.join(', ')}`);
    const graph = readGraph(join(dir, '.j1-integration'));
    problems.push(...graphProblems(name, graph, r.log, expectedTypes(pkg, steps)));
    if (problems.length === 0)
      pass(
        `${name}: j1-integration collect on src/index.js re-exporting the package: ${steps.length} steps success, ${describeCounts(graph)} (${seconds(t0)})`,
      );
  }
  if (problems.length > 0)
    fail(`${name}: j1-integration collect (log: ${join(dir, 'collect.log')})`, problems);
  timed(`${name} cli`, t0);
}

let graphs = {};
try {
  const t0 = Date.now();
  // Two cores: the runtime collections together, then the CLI ones (ts-node + aws-sdk start slowly).
  const collected = await Promise.all(
    INTEGRATIONS.map((p) => runtimeCollection(p.integration, p.name)),
  );
  graphs = Object.fromEntries(INTEGRATIONS.map((p, i) => [p.integration, collected[i]]));
  await Promise.all(INTEGRATIONS.map((p) => cliCollection(p.integration, p.name)));
  timed('collections', t0);
} finally {
  await Promise.allSettled(Object.values(sims).map((sim) => sim.close()));
}

// ---------------------------------------------------------------------------------------------
// 5. the shipped managed questions read properties the collections set
for (const p of INTEGRATIONS) {
  const graph = graphs[p.integration];
  const file = join(
    dirname(projectRequire.resolve(`${p.name}/package.json`)),
    'jupiterone',
    'questions',
    'questions.yaml',
  );
  if (!existsSync(file)) {
    fail(`${p.integration}: shipped jupiterone/questions/questions.yaml`, [
      'not in the installed package',
    ]);
    continue;
  }
  if (!graph) continue;
  const { invocationConfig } = projectRequire(p.name);
  const result = tools.checkQuestionsYaml(
    readFileSync(file, 'utf8'),
    p.integration,
    tools.contextFromInvocationConfig(invocationConfig),
  );
  check(
    `${p.integration}: ${result.questions} shipped managed questions read only properties the collection set`,
    [...result.problems, ...tools.checkPropertyReferences(result.propertyRefs, graph.properties)],
  );
}

finish();

function finish() {
  const failed = failureCount();
  // Kept on failure so the logs named in FAIL lines can be read.
  if (keep || failed > 0) console.log(`consumer project kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(
    `consumer test: ${failed === 0 ? 'PASS' : `FAIL (${failed} failed)`} in ${seconds(started)} [${timings.join(', ')}]`,
  );
  process.exit(failed > 0 ? 1 : 0);
}
