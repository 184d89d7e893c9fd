import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface GraphSummary {
  entities: Record<string, number>;
  relationships: Record<string, number>;
  /** Relationship edges between entity types: `${from} ${class} ${to}` -> count. */
  edges: { fromType: string; relClass: string; toType: string; relType: string; count: number }[];
  samples: Record<string, Record<string, unknown>[]>;
  totalEntities: number;
  totalRelationships: number;
}

interface GraphFile {
  entities?: Record<string, unknown>[];
  relationships?: Record<string, unknown>[];
}

async function* jsonFiles(dir: string): AsyncGenerator<string> {
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(path);
    else if (entry.name.endsWith('.json')) yield path;
  }
}

/** The fields of a relationship the summary reads. */
type RelationshipRef = Record<string, unknown>;

const isEntityFile = (path: string) => /[\\/]entities[\\/]/.test(path);

/**
 * Reads what a collection wrote under `.j1-integration/graph` and counts it
 * by `_type`, the authoritative view of what would be uploaded. Entity files
 * are read first (the J1 store writes entities and relationships to separate
 * folders) so each relationship is counted as it is read; only the few whose
 * endpoints are not known yet are held back. A 20,000-device fleet has a
 * quarter of a million relationships: holding them all would dominate the
 * run's peak memory.
 */
export async function summarizeGraph(
  storageDir: string,
  samplesPerType = 3,
): Promise<GraphSummary> {
  const summary: GraphSummary = {
    entities: {},
    relationships: {},
    edges: [],
    samples: {},
    totalEntities: 0,
    totalRelationships: 0,
  };
  const keyToType = new Map<string, string>();
  const edges = new Map<string, GraphSummary['edges'][number]>();
  const deferred: RelationshipRef[] = [];

  const endpoints = (r: RelationshipRef) => {
    const mapping = r._mapping as
      { sourceEntityKey?: string; targetEntity?: { _type?: string; _class?: string } } | undefined;
    const fromType = keyToType.get(String(r._fromEntityKey ?? mapping?.sourceEntityKey));
    const toType = mapping
      ? String(mapping.targetEntity?._type ?? mapping.targetEntity?._class ?? 'mapped')
      : keyToType.get(String(r._toEntityKey));
    return { fromType, toType };
  };
  const addEdge = (r: RelationshipRef, fromType: string, toType: string) => {
    const relClass = String(r._class);
    const id = `${fromType}|${relClass}|${toType}`;
    let edge = edges.get(id);
    if (!edge) {
      edge = { fromType, relClass, toType, relType: String(r._type), count: 0 };
      edges.set(id, edge);
    }
    edge.count += 1;
  };

  const files: string[] = [];
  for await (const file of jsonFiles(join(storageDir, 'graph'))) files.push(file);
  files.sort((a, b) => Number(isEntityFile(b)) - Number(isEntityFile(a)));

  for (const file of files) {
    const data = JSON.parse(await readFile(file, 'utf8')) as GraphFile;
    for (const e of data.entities ?? []) {
      const type = String(e._type);
      summary.entities[type] = (summary.entities[type] ?? 0) + 1;
      summary.totalEntities += 1;
      keyToType.set(String(e._key), type);
      const samples = (summary.samples[type] ??= []);
      if (samples.length < samplesPerType) {
        const { _rawData: _omit, ...rest } = e;
        samples.push(rest);
      }
    }
    for (const r of data.relationships ?? []) {
      const type = String(r._type);
      summary.relationships[type] = (summary.relationships[type] ?? 0) + 1;
      summary.totalRelationships += 1;
      const { fromType, toType } = endpoints(r);
      if (fromType && toType) addEdge(r, fromType, toType);
      else
        deferred.push({
          _type: r._type,
          _class: r._class,
          _fromEntityKey: r._fromEntityKey,
          _toEntityKey: r._toEntityKey,
          _mapping: r._mapping,
        });
    }
  }
  for (const r of deferred) {
    const { fromType, toType } = endpoints(r);
    addEdge(r, fromType ?? 'unknown', toType ?? 'unknown');
  }
  summary.edges = [...edges.values()];
  return summary;
}
