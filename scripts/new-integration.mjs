#!/usr/bin/env node
// `npm run new-integration -- <vendor> [--title "Display Name"] [--root <workspace>]`
// Scaffolds packages/integration-<vendor> from templates/integration: config (API URL + token),
// a client with one paginated list and one per-item detail endpoint, account and device steps with
// converters onto mdm-core's Device model, a simulator on mdm-core's toolkit, tests,
// docs/jupiterone.md, managed questions, a changeset stub, and its entry in integrations.json.
// Non-interactive; refuses to overwrite anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addIntegration, readIntegrations } from './integrations.mjs';

const usage =
  'usage: npm run new-integration -- <vendor> [--title "Display Name"] [--root <workspace>]\n' +
  '  <vendor>: lower case letters and digits, words joined by "-" (e.g. jamf, workspace-one)';

export function namesFor(vendor, title) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(vendor)) {
    throw new Error(`invalid vendor "${vendor}"\n${usage}`);
  }
  const words = vendor.split('-');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return {
    __vendor__: vendor,
    __vendor_snake__: words.join('_'),
    __VENDOR__: words.join('_').toUpperCase(),
    __VendorPascal__: pascal,
    __Vendor__: title ?? words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' '),
  };
}

function substitute(text, names) {
  // Longest placeholders first: __vendor_snake__ before __vendor__.
  let out = text;
  for (const key of Object.keys(names).sort((a, b) => b.length - a.length)) {
    out = out.split(key).join(names[key]);
  }
  return out;
}

/** A markdown table laid out the way `j1-integration document` writes it (padded columns). */
export function markdownTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The data-model tables of the template's steps, so docs/jupiterone.md is in sync from the start. */
function dataModelTables(names) {
  const t = (s) => `\`${names.__vendor_snake__}_${s}\``;
  return {
    __ENTITY_TABLE__: markdownTable(
      ['Resources', 'Entity `_type`', 'Entity `_class`'],
      [
        ['Account', t('account'), '`Account`'],
        ['Device', t('device'), '`Device`'],
      ],
    ),
    __RELATIONSHIP_TABLE__: markdownTable(
      ['Source Entity `_type`', 'Relationship `_class`', 'Target Entity `_type`'],
      [[t('account'), '**HAS**', t('device')]],
    ),
  };
}

/** package.json files of workspace packages that depend on every registered integration. */
export function registryConsumers(root, registered = readIntegrations(root)) {
  const packagesDir = join(root, 'packages');
  const out = [];
  for (const name of readdirSync(packagesDir).sort()) {
    const file = join(packagesDir, name, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (registered.some((i) => i.package === pkg.name)) continue;
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    if (registered.length > 0 && registered.every((i) => deps[i.package])) out.push(file);
  }
  return out;
}

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

export function generate({ vendor, title, root }) {
  const names = namesFor(vendor, title);
  const template = join(root, 'templates', 'integration');
  const target = join(root, 'packages', `integration-${vendor}`);
  if (existsSync(target)) throw new Error(`${relative(root, target)} already exists`);
  if (readIntegrations(root).some((i) => i.id === vendor)) {
    throw new Error(`integrations.json already lists "${vendor}"`);
  }
  const registered = readIntegrations(root);
  const changeset = join(root, '.changeset', `${vendor}-initial.md`);
  if (existsSync(changeset)) throw new Error(`${relative(root, changeset)} already exists`);

  const written = [];
  for (const file of walk(template)) {
    const rel = substitute(relative(template, file), names).replace(/\.tmpl$/, '');
    const out = join(target, rel);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      substitute(readFileSync(file, 'utf8'), { ...dataModelTables(names), ...names }),
    );
    written.push(relative(root, out));
  }
  writeFileSync(
    changeset,
    `---\n'@mdm-graph/integration-${vendor}': minor\n---\n\nNew ${names.__Vendor__} integration: the account and every device (serial, model, platform, OS version, MAC addresses, encryption, last check-in). Replace this text with what the first release really ingests.\n`,
  );
  written.push(relative(root, changeset));
  addIntegration(
    {
      id: vendor,
      title: names.__Vendor__,
      package: `@mdm-graph/integration-${vendor}`,
      dir: `packages/integration-${vendor}`,
      simulator: {
        module: 'dist/simulator/index.js',
        start: `start${names.__VendorPascal__}Simulator`,
        contract: 'simulator',
      },
    },
    root,
  );
  written.push('integrations.json');
  // The tooling packages that run every registered integration (demo, reliability, release
  // tools) list them as workspace dependencies so that turbo builds them first: the new one
  // joins them there (by the rule, not by name: a package depending on every registered one).
  for (const file of registryConsumers(root, registered)) {
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    const section =
      ['dependencies', 'devDependencies'].find((k) =>
        registered.every((i) => pkg[k]?.[i.package]),
      ) ?? 'devDependencies';
    pkg[section] = { ...pkg[section], [`@mdm-graph/integration-${vendor}`]: 'workspace:*' };
    writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
    written.push(relative(root, file));
  }
  // Placeholders change line lengths: format what was written the way CI checks it.
  const prettier = join(root, 'node_modules', '.bin', 'prettier');
  const formatted = existsSync(prettier)
    ? spawnSync(
        prettier,
        [
          '--write',
          '--log-level',
          'warn',
          target,
          changeset,
          ...written.filter((f) => f.endsWith('package.json') || f === 'integrations.json'),
        ],
        {
          cwd: root,
          stdio: 'inherit',
        },
      ).status === 0
    : false;
  return { names, written, target, formatted };
}

function main(argv) {
  let vendor;
  let title;
  let root = join(dirname(fileURLToPath(import.meta.url)), '..');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--title') title = argv[++i];
    else if (a === '--root') root = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log(usage);
      return 0;
    } else if (!vendor) vendor = a;
    else {
      console.error(`unexpected argument "${a}"\n${usage}`);
      return 2;
    }
  }
  if (!vendor) {
    console.error(usage);
    return 2;
  }
  try {
    const { written, names, formatted } = generate({ vendor, title, root });
    console.log(`Scaffolded the ${names.__Vendor__} integration:`);
    for (const f of written) console.log(`  ${f}`);
    if (!formatted) console.log('(not formatted: run `pnpm install`, then `pnpm format`)');
    console.log(
      [
        '',
        'Next:',
        '  1. pnpm install                      (links the new package into the workspace)',
        `  2. pnpm --filter @mdm-graph/integration-${vendor} test`,
        '  3. write ../shared/reference/<vendor>-api.md facts into src/client.ts and the simulator,',
        '     replacing the placeholder endpoints; see packages/mdm-core/README.md "Adding a new MDM vendor".',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(main(process.argv.slice(2)));
}
