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

/**
 * Reads what a collection wrote under `.j1-integration/graph` and counts it
 * by `_type`, the authoritative view of what would be uploaded.
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
  const rels: Record<string, unknown>[] = [];
  for await (const file of jsonFiles(join(storageDir, 'graph'))) {
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
      rels.push({
        _type: r._type,
        _class: r._class,
        _fromEntityKey: r._fromEntityKey,
        _toEntityKey: r._toEntityKey,
        _mapping: r._mapping,
      });
    }
  }
  const edges = new Map<string, GraphSummary['edges'][number]>();
  for (const r of rels) {
    const mapping = r._mapping as
      { sourceEntityKey?: string; targetEntity?: { _type?: string; _class?: string } } | undefined;
    const fromType =
      keyToType.get(String(r._fromEntityKey ?? mapping?.sourceEntityKey)) ?? 'unknown';
    const toType = mapping
      ? String(mapping.targetEntity?._type ?? mapping.targetEntity?._class ?? 'mapped')
      : (keyToType.get(String(r._toEntityKey)) ?? 'unknown');
    const relClass = String(r._class);
    const id = `${fromType}|${relClass}|${toType}`;
    const edge = edges.get(id) ?? {
      fromType,
      relClass,
      toType,
      relType: String(r._type),
      count: 0,
    };
    edge.count += 1;
    edges.set(id, edge);
  }
  summary.edges = [...edges.values()];
  return summary;
}
