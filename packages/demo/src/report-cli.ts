#!/usr/bin/env node
// `npm run report -- <dir>...` (see report-command.ts).
import { reportCommand } from './report-command';

reportCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
