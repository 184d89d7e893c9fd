import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The integration registry (integrations.json at the workspace root): the one list of the
 * integrations and how to start each one's simulator. Tooling (demo, reliability matrix,
 * benchmarks, release checks) iterates over it instead of naming vendors.
 */
export interface RegisteredIntegration {
  /** Integration name, e.g. "kandji" (the `_type` prefix, `npm run collect -- <id>`). */
  id: string;
  /** Display name, e.g. "Kandji". */
  title: string;
  /** Package name. */
  package: string;
  /** Package directory, relative to the workspace root. */
  dir: string;
  simulator: {
    /** Built simulator module, relative to `dir` (simulators are built, never published). */
    module: string;
    /** The vendor's own start function (its full options). */
    start: string;
    /** The export implementing the registry contract (IntegrationSimulator of @mdm-graph/mdm-core/sim). */
    contract?: string;
  };
}

/** The workspace root: the nearest directory above `from` holding integrations.json. */
export function findWorkspaceRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'integrations.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no integrations.json above ${from}`);
    dir = parent;
  }
}

export function readIntegrations(root: string = findWorkspaceRoot()): RegisteredIntegration[] {
  const doc = JSON.parse(readFileSync(join(root, 'integrations.json'), 'utf8')) as {
    integrations?: RegisteredIntegration[];
  };
  if (!Array.isArray(doc.integrations) || doc.integrations.length === 0)
    throw new Error(`${join(root, 'integrations.json')} lists no integrations`);
  return doc.integrations;
}

/** One registered integration by id; the error lists the known ids. */
export function integrationById(
  id: string,
  root: string = findWorkspaceRoot(),
): RegisteredIntegration {
  const all = readIntegrations(root);
  const found = all.find((i) => i.id === id);
  if (!found)
    throw new Error(
      `integrations.json lists no "${id}" (known: ${all.map((i) => i.id).join(', ')})`,
    );
  return found;
}

export function integrationDir(
  entry: RegisteredIntegration,
  root: string = findWorkspaceRoot(),
): string {
  return join(root, entry.dir);
}

function requireBuilt(file: string, what: string): Record<string, unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path from the registry
    return require(file) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' && !existsSync(file) && !existsSync(`${file}.js`))
      throw new Error(`${what} is not built (${file}): run \`pnpm build\` first`);
    throw err;
  }
}

/** The integration package's entry (its `invocationConfig` and public names). */
export function loadIntegrationPackage(
  entry: RegisteredIntegration,
  root: string = findWorkspaceRoot(),
): Record<string, unknown> {
  return requireBuilt(integrationDir(entry, root), entry.package);
}

/** The built simulator module of an integration (dist/simulator). */
export function loadSimulatorModule(
  entry: RegisteredIntegration,
  root: string = findWorkspaceRoot(),
): Record<string, unknown> {
  return requireBuilt(
    join(integrationDir(entry, root), entry.simulator.module),
    `the ${entry.id} simulator`,
  );
}

/**
 * The simulator's registry contract (typed as IntegrationSimulator by callers that depend on
 * @mdm-graph/mdm-core/sim; this package stays free of it).
 */
export function loadSimulatorContract<T = unknown>(
  entry: RegisteredIntegration,
  root: string = findWorkspaceRoot(),
): T {
  const name = entry.simulator.contract ?? 'simulator';
  const contract = loadSimulatorModule(entry, root)[name] as { start?: unknown } | undefined;
  if (!contract || typeof contract.start !== 'function')
    throw new Error(
      `the ${entry.id} simulator (${entry.dir}/${entry.simulator.module}) does not export "${name}" with start(): ` +
        'every registered simulator exports the registry contract (IntegrationSimulator, @mdm-graph/mdm-core/sim)',
    );
  return contract as T;
}
