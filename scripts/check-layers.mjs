#!/usr/bin/env node
// Layer check for every integration of integrations.json (CI): in each package's src/,
//  - no import cycles;
//  - imports go downwards only: config <- client <- steps <- index, i.e.
//      config.ts, tuning.ts, config/   import nothing from client, steps or the entry;
//      client.ts, client/ (client-*.ts, *-client.ts)   import nothing from steps or the entry;
//      steps/                          import nothing from the entry (index.ts, validate.ts);
//      steps/**/converter(s).ts        import no client either (converters are pure; the record
//                                      types the client's schemas declare may be imported as types).
// Other files (sources.ts, preflight.ts…) sit between: their own imports are not ranked, but a
// ranked file that reaches a higher layer through them is reported with the path.
// Type-only imports count for the layers (a client that needs a step's type still depends on the
// step) and for cycles.
// Tests (*.test.ts) are not checked.
//   node scripts/check-layers.mjs [--id <integration>]... [--dir <package dir>]...
//   (default: every integration of integrations.json)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { readIntegrations } from './integrations.mjs';

const LAYERS = ['config', 'client', 'steps', 'entry'];

/** The layer of a file (path relative to src/, with /), or undefined for files between layers. */
export function layerOf(rel) {
  if (rel === 'config.ts' || rel === 'tuning.ts' || rel.startsWith('config/')) return 'config';
  if (
    rel === 'client.ts' ||
    rel.startsWith('client/') ||
    /^client-[^/]+\.ts$/.test(rel) ||
    /^[^/]+-client\.ts$/.test(rel)
  )
    return 'client';
  if (rel.startsWith('steps/')) return 'steps';
  if (rel === 'index.ts' || rel === 'validate.ts') return 'entry';
  return undefined;
}

const isConverter = (rel) => /^steps\/(.+\/)?converters?(\.ts|\/)/.test(rel);

function* sourceFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '__tests__' && name !== 'node_modules') yield* sourceFiles(p);
    } else if (
      /\.tsx?$/.test(name) &&
      !/\.(test|spec)\.tsx?$/.test(name) &&
      !name.endsWith('.d.ts')
    )
      yield p;
  }
}

/** Module specifiers a file imports: static/dynamic import, export…from, require, import type. */
export function importsOf(text, fileName = 'file.ts') {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node)
        ? Boolean(node.importClause?.isTypeOnly)
        : node.isTypeOnly;
      out.push({ spec: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      out.push({ spec: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push({ spec: node.argument.literal.text, typeOnly: true });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      out.push({ spec: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function resolveRelative(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  const stem = base.replace(/\.(c|m)?js$/, '');
  for (const c of [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

/** The import graph of src/: rel path -> [{ to, typeOnly }] (relative imports inside src/ only). */
export function importGraph(srcDir) {
  const graph = new Map();
  const rel = (p) => relative(srcDir, p).split(sep).join('/');
  for (const file of sourceFiles(srcDir)) {
    const edges = [];
    for (const { spec, typeOnly } of importsOf(readFileSync(file, 'utf8'), file)) {
      if (!spec.startsWith('.')) continue;
      const target = resolveRelative(file, spec);
      if (!target || relative(srcDir, target).startsWith('..')) continue;
      if (/\.(test|spec)\.tsx?$/.test(target)) continue;
      edges.push({ to: rel(target), typeOnly });
    }
    graph.set(rel(file), edges);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself), as cycles. */
export function findCycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const sccs = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue;
      if (!idx.has(to)) {
        strong(to);
        low.set(v, Math.min(low.get(v), low.get(to)));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v), idx.get(to)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).some((e) => e.to === v);
      if (scc.length > 1 || selfLoop) sccs.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  // One concrete cycle per component, from its first file: a -> b -> … -> a.
  return sccs.map((scc) => {
    const members = new Set(scc);
    const start = scc[0];
    const path = [start];
    const seen = new Set([start]);
    const walk = (v) => {
      for (const { to } of graph.get(v) ?? []) {
        if (to === start) return true;
        if (!members.has(to) || seen.has(to)) continue;
        seen.add(to);
        path.push(to);
        if (walk(to)) return true;
        path.pop();
      }
      return false;
    };
    walk(start);
    return { files: scc, path: [...path, start] };
  });
}

/**
 * Layer violations: a ranked file reaching a higher-ranked file directly or through unranked
 * files, and a converter reaching a client.
 */
export function findLayerViolations(graph) {
  const problems = [];
  for (const [from, edges] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    const layer = layerOf(from);
    if (!layer) continue;
    const rank = LAYERS.indexOf(layer);
    // Breadth-first through unranked files; stop at ranked ones (they are checked themselves).
    const queue = edges.map((e) => ({ to: e.to, typeOnly: e.typeOnly, via: [] }));
    const seen = new Set();
    while (queue.length > 0) {
      const { to, typeOnly, via } = queue.shift();
      if (seen.has(to)) continue;
      seen.add(to);
      const toLayer = layerOf(to);
      const chain = [from, ...via, to].join(' -> ');
      const kind = typeOnly ? ' (type-only)' : '';
      if (toLayer && LAYERS.indexOf(toLayer) > rank) {
        problems.push(
          `${chain}${kind}: ${layer} must not import ${toLayer} (layers: ${LAYERS.join(' <- ')})`,
        );
      } else if (toLayer === 'client' && isConverter(from) && !typeOnly) {
        problems.push(
          `${chain}${kind}: a converter must not import the client (converters are pure)`,
        );
      } else if (!toLayer) {
        for (const e of graph.get(to) ?? [])
          queue.push({ to: e.to, typeOnly: typeOnly || e.typeOnly, via: [...via, to] });
      }
    }
  }
  return problems;
}

/** Problems of one package's src/ (empty when clean). */
export function checkLayers(packageDir) {
  const srcDir = join(packageDir, 'src');
  if (!existsSync(srcDir)) return { files: 0, problems: [`${srcDir} does not exist`] };
  const graph = importGraph(srcDir);
  const problems = [
    ...findCycles(graph).map((c) => `import cycle: ${c.path.join(' -> ')}`),
    ...findLayerViolations(graph),
  ];
  return { files: graph.size, problems };
}

function main(argv) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dirs = [];
  const ids = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir' && argv[i + 1])
      dirs.push({ name: argv[i + 1], dir: resolve(argv[++i]) });
    else if (argv[i] === '--id' && argv[i + 1]) ids.push(argv[++i]);
    else {
      console.error(
        'usage: node scripts/check-layers.mjs [--id <registered integration>]... [--dir <package dir>]...',
      );
      return 2;
    }
  }
  const registered = readIntegrations(root);
  for (const id of ids)
    if (!registered.some((i) => i.id === id)) {
      console.error(`integrations.json lists no "${id}"`);
      return 2;
    }
  const targets = [
    ...registered
      .filter((i) => (ids.length > 0 ? ids.includes(i.id) : dirs.length === 0))
      .map((i) => ({ name: i.id, dir: join(root, i.dir) })),
    ...dirs,
  ];
  let failed = 0;
  for (const t of targets) {
    const { files, problems } = checkLayers(t.dir);
    if (problems.length === 0) {
      console.log(
        `PASS layers ${t.name}: ${files} files in src/, no cycle, imports downwards only`,
      );
    } else {
      failed += 1;
      console.log(`FAIL layers ${t.name} (${relative(root, t.dir) || t.dir}/src):`);
      for (const p of problems) console.log(`     - ${p}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exit(main(process.argv.slice(2)));
}
