/**
 * Rules for what a published tarball may and must contain. Run on the output of
 * `pnpm pack` (file list + the rewritten package.json), so they see exactly what
 * npm users download.
 */
export interface PackedManifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  exports?: unknown;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface PackRules {
  /** Names of the workspace's private packages: no published package may depend on them. */
  privatePackages: ReadonlySet<string>;
  /** Packages the JupiterOne runtime supplies: must be peer dependencies, never bundled dependencies. */
  runtimeProvided: readonly string[];
  /** Files that must be in the tarball (e.g. docs/jupiterone.md for an integration). */
  required?: readonly string[];
}

/** Paths that are development-only and must never reach npm. */
const FORBIDDEN: { pattern: RegExp; what: string }[] = [
  {
    pattern: /(^|\/)(__tests__|__fixtures__|__mocks__|test|tests|fixtures|test-artifacts)\//,
    what: 'test or fixture directory',
  },
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$|\.(test|spec)\.d\.[cm]?ts$/, what: 'test file' },
  { pattern: /(^|\/)simulator\//, what: 'vendor simulator (not published)' },
  { pattern: /(^|\/)(bench|scripts)\//, what: 'benchmark or script' },
  { pattern: /(^|\/)\.env($|\.)/, what: 'environment file' },
  { pattern: /(^|\/)\.j1-integration\//, what: 'collected graph output' },
  {
    pattern: /(^|\/)(tsconfig[^/]*\.json|vitest\.config\.[cm]?[jt]s|tsconfig\.tsbuildinfo)$/,
    what: 'build or test configuration',
  },
  { pattern: /\.tgz$/, what: 'tarball' },
  { pattern: /\.map$/, what: 'source map (its sources are not shipped)' },
];

const DEP_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

function exportTargets(exp: unknown, out: string[] = []): string[] {
  if (typeof exp === 'string') out.push(exp);
  else if (Array.isArray(exp)) for (const e of exp) exportTargets(e, out);
  else if (exp && typeof exp === 'object')
    for (const v of Object.values(exp)) exportTargets(v, out);
  return out;
}

function normalize(path: string): string {
  return path.replace(/^\.\//, '');
}

/** Every problem with one packed package; empty when it is fit to publish. */
export function checkPackedPackage(
  manifest: PackedManifest,
  files: readonly string[],
  rules: PackRules,
): string[] {
  const problems: string[] = [];
  const fileSet = new Set(files.map(normalize));
  if (manifest.private) problems.push('package.json is private: it cannot be published');
  // One line per rule, so 200 stray source maps read as one problem.
  const hits = new Map<string, string[]>();
  for (const file of fileSet) {
    const hit = FORBIDDEN.find((f) => f.pattern.test(file));
    if (hit) hits.set(hit.what, [...(hits.get(hit.what) ?? []), file]);
  }
  for (const [what, paths] of hits) {
    const shown = paths.slice(0, 3).join(', ');
    problems.push(
      paths.length === 1
        ? `ships ${shown} (${what})`
        : `ships ${paths.length} files: ${what}, e.g. ${shown}`,
    );
  }
  for (const required of ['package.json', ...(rules.required ?? [])]) {
    if (!fileSet.has(required)) problems.push(`does not ship ${required}`);
  }
  const entries = [manifest.main, manifest.types, ...exportTargets(manifest.exports)].filter(
    (e): e is string => typeof e === 'string',
  );
  for (const entry of entries) {
    if (entry.includes('*')) continue;
    if (!fileSet.has(normalize(entry))) problems.push(`entry point ${entry} is not in the tarball`);
  }
  if (!manifest.types) problems.push('has no "types" entry');
  const exp = manifest.exports;
  if (!exp || typeof exp !== 'object' || Array.isArray(exp) || !('.' in exp))
    problems.push('has no "exports" map with a "." entry');
  else if (!('./package.json' in exp))
    problems.push('"exports" does not expose "./package.json" (tools read it)');
  for (const js of fileSet) {
    if (!/^dist\/.*\.js$/.test(js)) continue;
    if (!fileSet.has(js.replace(/\.js$/, '.d.ts'))) problems.push(`${js} has no declaration file`);
  }
  for (const field of DEP_FIELDS) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|catalog|link|file):/.test(range))
        problems.push(
          `${field}.${dep} is "${range}": pack with pnpm so it becomes a real version range`,
        );
      if (rules.privatePackages.has(dep))
        problems.push(
          `${field}.${dep}: depends on a private workspace package that is never published`,
        );
    }
  }
  for (const runtime of rules.runtimeProvided) {
    if (manifest.dependencies?.[runtime])
      problems.push(
        `dependencies.${runtime}: the JupiterOne runtime supplies it; declare it in peerDependencies only`,
      );
  }
  return problems;
}

/** Package-relative file paths from a `pnpm pack --json` / `npm pack --json` result. */
export function filesFromPackJson(json: unknown): string[] {
  const first: unknown = Array.isArray(json) ? json[0] : json;
  const files = (first as { files?: ({ path: string } | string)[] } | undefined)?.files ?? [];
  return files.map((f) => (typeof f === 'string' ? f : f.path));
}
