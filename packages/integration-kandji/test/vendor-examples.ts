/**
 * Kandji's published example responses (test/fixtures/vendor-examples, see its README), read as
 * data: bodies the collection publishes as text (with `...` placeholders or `//` comments) are
 * parsed leniently, and field paths are collected to compare the simulator with them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, 'fixtures', 'vendor-examples');

export interface VendorExample {
  name: string;
  status: number | null;
  body: unknown;
}

export interface VendorExampleFile {
  endpoint: string;
  examples: VendorExample[];
}

/**
 * JSON with the published collection's liberties removed: `//` comments and `...` placeholders
 * outside strings, and the trailing commas they leave.
 */
export function parseLenientJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 1;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += '\n';
    } else if (c === '.' && text.startsWith('...', i)) {
      i += 2;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[\]}])/g, '$1')) as unknown;
}

export function loadVendorExamples(file: string): VendorExampleFile {
  const raw = JSON.parse(readFileSync(join(DIR, `${file}.json`), 'utf8')) as {
    endpoint: string;
    examples: { name: string; status: number | null; body: unknown }[];
  };
  return {
    endpoint: raw.endpoint,
    examples: raw.examples.map((e) => ({
      name: e.name,
      status: e.status,
      body: typeof e.body === 'string' ? parseLenientJson(e.body) : e.body,
    })),
  };
}

/** The example bodies of a file (the ones answered 200 or without a status). */
export function exampleBodies(file: string): { name: string; body: unknown }[] {
  return loadVendorExamples(file)
    .examples.filter((e) => e.status === null || e.status === 200)
    .map(({ name, body }) => ({ name, body }));
}

export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

function kindOf(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonKind;
}

/**
 * Every field path of a JSON value with the kinds seen there: `a.b`, array elements as `a[]`.
 * Values of `null`/`undefined` count as `null` (a field sent as null is still a field).
 */
export function fieldPaths(value: unknown, into = new Map<string, Set<JsonKind>>(), prefix = '') {
  const note = (path: string, v: unknown) => {
    let kinds = into.get(path);
    if (!kinds) into.set(path, (kinds = new Set()));
    kinds.add(v === undefined ? 'null' : kindOf(v));
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const path = `${prefix}[]`;
      note(path, item);
      fieldPaths(item, into, path);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      note(path, v);
      fieldPaths(v, into, path);
    }
  }
  return into;
}

/**
 * What `emitted` has that the published examples do not: unknown field paths, and fields whose
 * non-null kind differs from every non-null kind published there (a published `null` says
 * nothing about the kind). `allowed` paths (documented in the reference, not in an example)
 * are accepted; a path ending in `.*` accepts everything below it.
 */
export function fieldsBeyond(
  emitted: unknown,
  published: unknown[],
  allowed: readonly string[] = [],
): string[] {
  const known = new Map<string, Set<JsonKind>>();
  for (const body of published) fieldPaths(body, known);
  const problems: string[] = [];
  for (const [path, kinds] of fieldPaths(emitted)) {
    if (allowed.some((a) => path === a || (a.endsWith('.*') && path.startsWith(a.slice(0, -1)))))
      continue;
    const publishedKinds = known.get(path);
    if (!publishedKinds) {
      problems.push(`${path}: not in the published example`);
      continue;
    }
    const nonNull = [...publishedKinds].filter((k) => k !== 'null');
    for (const kind of kinds) {
      if (kind === 'null' || nonNull.length === 0 || nonNull.includes(kind)) continue;
      problems.push(`${path}: ${kind}, published as ${nonNull.join('|')}`);
    }
  }
  return problems;
}
