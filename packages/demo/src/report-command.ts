// `npm run report -- <dir>...`: the offline HTML report for any collection's output,
// e.g. what `npm run collect -- kandji` or `j1-integration collect` wrote.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCollection, type Collection } from './collection';
import { loadManagedQuestions } from './questions';
import { renderReport } from './report';

const USAGE =
  'usage: npm run report -- <dir>... [--out report.html]\n' +
  '  <dir>: a .j1-integration directory, or the directory that holds one (where the collection ran)';

export async function reportCommand(argv: string[], cwd = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const collections: Collection[] = [];
  const names = new Map<string, number>();
  for (const dir of positionals) {
    const c = await loadCollection(resolve(cwd, dir));
    // Two collections of the same integration (two tenants) keep distinct sections.
    const seen = names.get(c.integration) ?? 0;
    names.set(c.integration, seen + 1);
    if (seen) c.integration = `${c.integration}-${seen + 1}`;
    collections.push(c);
  }
  const out = resolve(cwd, values.out ?? 'report.html');
  const html = await renderReport(collections, {
    questionsFor: (name) => loadManagedQuestions(name.replace(/-\d+$/, '')),
  });
  writeFileSync(out, html);
  for (const c of collections)
    console.log(
      `${c.integration}: ${c.graph.totalEntities.toLocaleString('en-US')} entities, ${c.graph.totalRelationships.toLocaleString('en-US')} relationships from ${c.storageDir}`,
    );
  console.log(
    `Report (opens offline, ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB): ${pathToFileURL(out).href}`,
  );
  return 0;
}
