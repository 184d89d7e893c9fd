import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { summarizeGraph, type GraphSummary, type RunResult } from '@mdm-graph/j1-runner';

/** An entity as written to the graph files, without `_rawData`. */
export type GraphEntity = Record<string, unknown> & { _key: string; _type: string };

/** The part of a relationship the posture figures read. */
export interface GraphLink {
  type: string;
  from: string;
  to: string;
}

export interface CollectionStep {
  id: string;
  name: string;
  status: string;
  durationMs?: number;
  partialTypes: string[];
}

/**
 * What one collection wrote under `.j1-integration/`, read back for the report:
 * the counts and type edges (the same summary the runner prints), the entities the
 * posture figures need (devices, applications, findings) and the relationships
 * between them, and the collection's time and step results from `summary.json`.
 */
export interface Collection {
  /** Integration name, e.g. "kandji" (from the account entity's `_type`, else the directory). */
  integration: string;
  /** The `.j1-integration` directory read. */
  storageDir: string;
  graph: GraphSummary;
  /** Entities of class Device, Application, Finding or Vulnerability (other types are counted only). */
  entities: GraphEntity[];
  /** Relationships between those entities (both ends among `entities`). */
  links: GraphLink[];
  /**
   * The reference time for "not checked in for N days": when the collection started
   * (the earliest step start in summary.json), else when its graph files were written.
   */
  collectedAt?: Date;
  collectedAtSource: 'collection start (summary.json)' | 'graph files written' | 'unknown';
  steps: CollectionStep[];
  partialTypes: string[];
  /** Runner extras when the report comes from `npm run demo` (HTTP totals, duration, verdict). */
  run?: RunResult;
}

const POSTURE_CLASSES = new Set(['Device', 'Application', 'Finding', 'Vulnerability']);

export const classesOf = (e: Record<string, unknown>): string[] =>
  (Array.isArray(e._class) ? e._class : [e._class]).filter(
    (c): c is string => typeof c === 'string',
  );

async function* jsonFiles(dir: string): AsyncGenerator<string> {
  if (!existsSync(dir)) return;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(path);
    else if (entry.name.endsWith('.json')) yield path;
  }
}

/**
 * Accepts the `.j1-integration` directory itself or the project directory that holds
 * it (what `j1-integration collect` was run in); throws a clear error otherwise.
 */
export function resolveStorageDir(dir: string): string {
  const abs = resolve(dir);
  const candidates = [abs, join(abs, '.j1-integration')];
  for (const c of candidates) if (existsSync(join(c, 'graph'))) return c;
  throw new Error(
    `${abs} holds no collected graph: expected ${join(abs, 'graph')} or ${join(abs, '.j1-integration', 'graph')} (run a collection first)`,
  );
}

interface SummaryFile {
  integrationStepResults?: {
    id?: string;
    name?: string;
    status?: string;
    startTime?: number;
    endTime?: number;
    duration?: number;
    partialTypes?: string[];
  }[];
  metadata?: { partialDatasets?: { types?: string[] } };
}

function integrationName(storageDir: string, graph: GraphSummary): string {
  const account = Object.keys(graph.entities).find((t) => t.endsWith('_account'));
  if (account) return account.slice(0, -'_account'.length);
  const parent = basename(dirname(storageDir));
  return parent && parent !== '.' ? parent : basename(storageDir);
}

export async function loadCollection(
  dir: string,
  opts: { integration?: string; run?: RunResult } = {},
): Promise<Collection> {
  // A run that stopped before writing anything (bad config) still gets its section.
  const storageDir =
    opts.run && !existsSync(join(resolve(dir), 'graph')) ? resolve(dir) : resolveStorageDir(dir);
  const entities: GraphEntity[] = [];
  const keys = new Set<string>();
  const rels: GraphLink[] = [];
  const files: string[] = [];
  let newestFile = 0;
  for await (const f of jsonFiles(join(storageDir, 'graph'))) files.push(f);
  // Entities first, so relationships are kept only between entities the figures read.
  const isEntityFile = (p: string) => /[\\/]entities[\\/]/.test(p);
  files.sort((a, b) => Number(isEntityFile(b)) - Number(isEntityFile(a)));
  for (const file of files) {
    newestFile = Math.max(newestFile, statSync(file).mtimeMs);
    let data: { entities?: Record<string, unknown>[]; relationships?: Record<string, unknown>[] };
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new Error(
        `${file} is not a readable graph file (${err instanceof Error ? err.message : String(err)}): the collection may have been interrupted while writing; collect again`,
      );
    }
    for (const e of data.entities ?? []) {
      if (!classesOf(e).some((c) => POSTURE_CLASSES.has(c))) continue;
      const { _rawData: _omit, ...rest } = e;
      const entity = rest as GraphEntity;
      if (typeof entity._key !== 'string') continue;
      entities.push(entity);
      keys.add(entity._key);
    }
    for (const r of data.relationships ?? []) {
      const from = r._fromEntityKey;
      const to = r._toEntityKey;
      if (typeof from === 'string' && typeof to === 'string' && keys.has(from) && keys.has(to))
        rels.push({ type: String(r._type), from, to });
    }
  }
  // Counts and type edges: the runner's own summary (the same one `collect` prints).
  const graph = opts.run?.graph ?? (await summarizeGraph(storageDir));
  let summary: SummaryFile = {};
  const summaryPath = join(storageDir, 'summary.json');
  if (existsSync(summaryPath)) summary = JSON.parse(await readFile(summaryPath, 'utf8'));
  const results = summary.integrationStepResults ?? [];
  const starts = results.map((s) => s.startTime).filter((t): t is number => Number.isFinite(t));
  const collectedAt = starts.length
    ? new Date(Math.min(...starts))
    : newestFile
      ? new Date(newestFile)
      : undefined;
  return {
    integration: opts.integration ?? integrationName(storageDir, graph),
    storageDir,
    graph,
    entities,
    links: rels,
    collectedAt,
    collectedAtSource: starts.length
      ? 'collection start (summary.json)'
      : newestFile
        ? 'graph files written'
        : 'unknown',
    steps: results.map((s) => ({
      id: String(s.id),
      name: String(s.name ?? s.id),
      status: String(s.status ?? 'unknown'),
      durationMs: s.duration,
      partialTypes: s.partialTypes ?? [],
    })),
    partialTypes: summary.metadata?.partialDatasets?.types ?? [],
    run: opts.run,
  };
}
