import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block of the README is type-checked against the package sources (the public entry
// points resolve to src/ by path mapping), each block as its own module. Blocks may use `config`
// and `context` without declaring them: the prelude below declares both.

const root = resolve(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The ```ts blocks (also indented ones inside list items), with their line numbers. */
function tsBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```ts\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] ?? ''); j++)
      body.push((lines[j] ?? '').slice(indent));
    blocks.push({ line: i + 1, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

const PRELUDE = `
declare const config: { apiUrl: string; apiToken: string; tenant: string };
declare const context: import('@jupiterone/integration-sdk-core').IntegrationStepExecutionContext<{
  apiUrl: string;
  apiToken: string;
}>;
`;

describe('README examples', () => {
  const blocks = tsBlocks(readme);

  it('has the examples of the step layer and of a new vendor', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    expect(blocks.some((b) => b.code.includes("from '@mdm-graph/mdm-core/steps'"))).toBe(true);
    expect(readme).not.toContain('createHttpClient(');
  });

  it('every ```ts block type-checks against the package', () => {
    const files = new Map<string, string>();
    blocks.forEach((b, n) => {
      // A module of its own (no clashes between blocks), the prelude first.
      files.set(
        join(root, `__readme__/block-${n}-line-${b.line}.ts`),
        `${PRELUDE}\n${b.code}\nexport {};\n`,
      );
    });
    const base = ts.readConfigFile(join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
    const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, root);
    const options: ts.CompilerOptions = {
      ...parsed.options,
      // Snippets await at top level (as if inside a step): ES modules allow it.
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      noEmit: true,
      baseUrl: root,
      paths: {
        '@mdm-graph/mdm-core': ['src/index.ts'],
        '@mdm-graph/mdm-core/sim': ['src/sim/index.ts'],
        '@mdm-graph/mdm-core/steps': ['src/steps/index.ts'],
      },
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, onError, create) => {
      const text = files.get(resolve(name));
      return text !== undefined
        ? ts.createSourceFile(name, text, version, true)
        : getSourceFile(name, version, onError, create);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => files.has(resolve(name)) || fileExists(name);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => files.get(resolve(name)) ?? readFile(name);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = [...files.keys()].flatMap((name) => {
      const sf = program.getSourceFile(name);
      if (!sf) return [`${name}: not compiled`];
      return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map(
        (d) => {
          const pos = d.start === undefined ? undefined : sf.getLineAndCharacterOfPosition(d.start);
          const where = name.replace(/.*__readme__\//, '');
          return `${where}${pos ? `:${pos.line + 1 - PRELUDE.split('\n').length}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        },
      );
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
