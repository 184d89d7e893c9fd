#!/usr/bin/env node
// `pnpm collect` in an integration package: a collection with config from the
// environment / .env, the graph written to ./.j1-integration. Exit codes: 0 every
// enabled step succeeded; 2 completed, some data partial for lack of permission;
// 1 anything else (invalid config, authentication, API or other failures).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { formatRunSummary } from './format';
import { createConsoleReporter, createIpcReporter } from './progress';
import { tuneHeapForCollection } from './heap';
import { runCollection } from './run';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  // Bounded memory for the run (see heap.ts): before anything is allocated.
  tuneHeapForCollection();
  const projectDir = resolve(arg('project') ?? process.cwd());
  // Where .env is read and .j1-integration/ written; the package directory unless --out says otherwise.
  const outDir = resolve(arg('out') ?? projectDir);
  let loaded: { invocationConfig?: IntegrationInvocationConfig };
  try {
    // The package's built entry point (package.json "main"): built JavaScript starts fast.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path, as the J1 CLI does
    loaded = require(projectDir) as { invocationConfig?: IntegrationInvocationConfig };
  } catch (err) {
    console.error(
      `Cannot load the integration in ${projectDir} (run \`pnpm build\` first): ${(err as Error).message}`,
    );
    return 1;
  }
  if (!loaded.invocationConfig) {
    console.error(`${projectDir} does not export a named invocationConfig`);
    return 1;
  }
  const pkg = JSON.parse(readFileSync(resolve(projectDir, 'package.json'), 'utf8')) as {
    name: string;
  };
  const name = arg('name') ?? pkg.name.replace(/^.*integration-/, '');
  const ipc = process.argv.includes('--ipc') && typeof process.send === 'function';
  const reporter = ipc
    ? createIpcReporter()
    : createConsoleReporter({ tty: Boolean(process.stderr.isTTY) && !process.env.CI });
  const result = await runCollection({
    invocationConfig: loaded.invocationConfig,
    integration: name,
    projectDir: outDir,
    reporter,
  });
  reporter.close();
  if (ipc) process.send?.({ mdmResult: result });
  else console.log(`\n${formatRunSummary(result)}`);
  return result.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
