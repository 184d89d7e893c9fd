import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a collection wrote under `.j1-integration/graph`: the view J1 would upload. */
export interface CollectedGraph {
  entityKeys: Set<string>;
  relationshipKeys: Set<string>;
  /** Entity `_key` -> `_type`, to say what kind of object is missing. */
  entityTypes: Map<string, string>;
  relationshipTypes: Map<string, string>;
  /** Keys written more than once (the SDK rejects duplicates, so this must stay empty). */
  duplicateKeys: string[];
  /** The graph files, for secret scans. */
  files: string[];
}

interface GraphFile {
  entities?: { _key?: unknown; _type?: unknown }[];
  relationships?: { _key?: unknown; _type?: unknown }[];
}

async function* walk(dir: string): AsyncGenerator<string> {
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Every file under a directory (recursively). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const f of walk(dir)) out.push(f);
  return out;
}

/**
 * Reads the graph files. `aliases` maps strings to stable placeholders in keys:
 * an integration that names the tenant after the configured host (Kandji on a
 * loopback simulator: `kandji_account:127.0.0.1:PORT`) gets the same keys
 * whichever port the simulator or proxy of a run listened on.
 */
export async function readGraph(
  storageDir: string,
  aliases: Record<string, string> = {},
): Promise<CollectedGraph> {
  const alias = (key: string) => {
    let out = key;
    for (const [from, to] of Object.entries(aliases)) out = out.split(from).join(to);
    return out;
  };
  const graph: CollectedGraph = {
    entityKeys: new Set(),
    relationshipKeys: new Set(),
    entityTypes: new Map(),
    relationshipTypes: new Map(),
    duplicateKeys: [],
    files: [],
  };
  for await (const file of walk(join(storageDir, 'graph'))) {
    if (!file.endsWith('.json')) continue;
    graph.files.push(file);
    const data = JSON.parse(await readFile(file, 'utf8')) as GraphFile;
    for (const e of data.entities ?? []) {
      const key = alias(String(e._key));
      if (graph.entityKeys.has(key)) graph.duplicateKeys.push(key);
      graph.entityKeys.add(key);
      graph.entityTypes.set(key, String(e._type));
    }
    for (const r of data.relationships ?? []) {
      const key = alias(String(r._key));
      if (graph.relationshipKeys.has(key)) graph.duplicateKeys.push(key);
      graph.relationshipKeys.add(key);
      graph.relationshipTypes.set(key, String(r._type));
    }
  }
  return graph;
}

export interface KeyDiff {
  missingEntities: string[];
  extraEntities: string[];
  missingRelationships: string[];
  extraRelationships: string[];
}

function minus(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((k) => !b.has(k)).sort();
}

/** Keys of `expected` absent from `actual` and vice versa. */
export function diffGraphs(expected: CollectedGraph, actual: CollectedGraph): KeyDiff {
  return {
    missingEntities: minus(expected.entityKeys, actual.entityKeys),
    extraEntities: minus(actual.entityKeys, expected.entityKeys),
    missingRelationships: minus(expected.relationshipKeys, actual.relationshipKeys),
    extraRelationships: minus(actual.relationshipKeys, expected.relationshipKeys),
  };
}

export function isEmptyDiff(d: KeyDiff): boolean {
  return (
    d.missingEntities.length === 0 &&
    d.extraEntities.length === 0 &&
    d.missingRelationships.length === 0 &&
    d.extraRelationships.length === 0
  );
}

/** Counts by `_type` of the keys in a diff: a readable assertion message. */
export function describeDiff(d: KeyDiff, expected: CollectedGraph, actual: CollectedGraph): string {
  const count = (keys: string[], types: Map<string, string>) => {
    const byType: Record<string, number> = {};
    for (const k of keys) {
      const t = types.get(k) ?? 'unknown';
      byType[t] = (byType[t] ?? 0) + 1;
    }
    return JSON.stringify(byType);
  };
  return [
    `missing entities ${count(d.missingEntities, expected.entityTypes)}`,
    `extra entities ${count(d.extraEntities, actual.entityTypes)}`,
    `missing relationships ${count(d.missingRelationships, expected.relationshipTypes)}`,
    `extra relationships ${count(d.extraRelationships, actual.relationshipTypes)}`,
  ].join('; ');
}

/** Keys of one `_type` in a graph. */
export function keysOfType(graph: CollectedGraph, type: string): string[] {
  const out: string[] = [];
  for (const [k, t] of graph.entityTypes) if (t === type) out.push(k);
  for (const [k, t] of graph.relationshipTypes) if (t === type) out.push(k);
  return out.sort();
}

/** The subset of a graph without the given entity/relationship `_type`s (what a skipped dataset leaves). */
export function withoutTypes(graph: CollectedGraph, types: readonly string[]): CollectedGraph {
  const drop = new Set(types);
  const out: CollectedGraph = {
    entityKeys: new Set(),
    relationshipKeys: new Set(),
    entityTypes: new Map(),
    relationshipTypes: new Map(),
    duplicateKeys: graph.duplicateKeys,
    files: graph.files,
  };
  for (const [k, t] of graph.entityTypes) {
    if (drop.has(t)) continue;
    out.entityKeys.add(k);
    out.entityTypes.set(k, t);
  }
  for (const [k, t] of graph.relationshipTypes) {
    if (drop.has(t)) continue;
    out.relationshipKeys.add(k);
    out.relationshipTypes.set(k, t);
  }
  return out;
}
