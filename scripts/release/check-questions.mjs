#!/usr/bin/env node
// Validates each integration's managed questions (jupiterone/questions/questions.yaml):
// YAML, the J1 managed-question schema, unique ids and titles, and every J1QL query
// (clause structure, balanced quotes and brackets, aliases, relationship classes, and
// every _type and traversal against what the built invocationConfig's steps declare).
// The consumer test additionally checks the properties they read against collected data.
// Prints PASS/FAIL lines; exits 1 on any failure. Needs `pnpm build` first.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PUBLISHED, check, failureCount, releaseTools, root } from './lib.mjs';

const tools = releaseTools();
const require = createRequire(import.meta.url);
for (const pkg of PUBLISHED.filter((p) => p.integration)) {
  const file = join(root, pkg.dir, 'jupiterone', 'questions', 'questions.yaml');
  const entry = join(root, pkg.dir, 'dist', 'src', 'index.js');
  if (!existsSync(file) || !existsSync(entry)) {
    check(`${pkg.integration}: managed questions`, [
      !existsSync(file) ? `missing ${file}` : `${entry} is not built: run pnpm build`,
    ]);
    continue;
  }
  const { invocationConfig } = require(entry);
  const ctx = tools.contextFromInvocationConfig(invocationConfig);
  const result = tools.checkQuestionsYaml(readFileSync(file, 'utf8'), pkg.integration, ctx);
  check(
    `${pkg.integration}: ${result.questions} managed questions, ${result.queries} J1QL queries over ${[...ctx.types].filter((t) => t.startsWith(`${pkg.integration.replaceAll('-', '_')}_`)).length} declared types`,
    result.problems,
  );
}
process.exit(failureCount() > 0 ? 1 : 0);
