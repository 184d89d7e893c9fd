import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Type records ("str", "int", "bool", "NoneType", "dict", "list", "any", nested objects,
 * one-element arrays) of the vendor's published shapes, and what tests do with them:
 * generate representative values, and check that a body uses no field outside them.
 */
export type Shape = string | Shape[] | { [key: string]: Shape };

const DIR = join(__dirname, 'fixtures', 'vendor-examples', 'esper');

/** `shape` of an esper-cli live record, e.g. 'v2-devices-list'. */
export function liveShape(name: string): Shape {
  const file = JSON.parse(
    readFileSync(join(DIR, `${name}.live-shape.esper-cli-comparisons.json`), 'utf8'),
  ) as { shape: Shape };
  return file.shape;
}

export function example(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;
}

/** A field list of shared/reference/esper-api.md written as a shape. */
export function referenceShape(name: string): Shape {
  const all = JSON.parse(readFileSync(join(DIR, 'reference-fields.json'), 'utf8')) as Record<
    string,
    { shape: Shape }
  >;
  const entry = all[name];
  if (!entry) throw new Error(`no reference shape ${name}`);
  return entry.shape;
}

const isObject = (s: unknown): s is Record<string, Shape> =>
  typeof s === 'object' && s !== null && !Array.isArray(s);

/** Union of shapes: an object where either has one; keys merged. */
export function mergeShapes(...shapes: Shape[]): Shape {
  return shapes.reduce((a, b) => {
    if (isObject(a) && isObject(b)) {
      const out: Record<string, Shape> = { ...a };
      for (const [k, v] of Object.entries(b))
        out[k] = k in out ? mergeShapes(out[k] as Shape, v) : v;
      return out;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const [x, y] = [a[0], b[0]];
      return x === undefined ? b : y === undefined ? a : [mergeShapes(x, y)];
    }
    if (isObject(a) || Array.isArray(a)) return a;
    return b;
  });
}

/** Secret-bearing fields: generated as `SECRET-<path>` so tests can prove they go nowhere. */
const SECRET_KEYS = new Set([
  'fcm_id',
  'mqtt_topic',
  'mqtt_id',
  'iot_mqtt_base_topic',
  'push_magic',
  'push_token',
  'device_token',
  'channel_uri',
  'signup_url',
  'completion_token',
  'enterprise_token',
  'token',
  'source_refresh_token',
]);

let counter = 0;
const uuid = () => {
  counter++;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

/** A plausible string for a "str" field, by its name (types are all the record gives). */
function sampleString(key: string, path: string): string {
  if (SECRET_KEYS.has(key)) return `SECRET-${path}`;
  if (/(_at|_on|^last_seen|^last_login)$/.test(key)) return '2026-02-14T20:20:51.895213Z';
  if (key === 'id' || key.endsWith('_id')) return uuid();
  if (/mac_?address$/i.test(key)) return 'bc:f7:30:92:ea:2a';
  if (key === 'email' || key === 'contact_email') return 'ada.lovelace@acme.example';
  if (key === 'user') return 'https://acme-api.esper.cloud/api/user/8/';
  if (key === 'groups' || key === 'parent')
    return `https://acme-api.esper.cloud/api/enterprise/${uuid()}/devicegroup/${uuid()}/`;
  if (['url', 'enterprise', 'policy', 'initialtemplate', 'callback_url'].includes(key))
    return `https://acme-api.esper.cloud/api/${key}/1/`;
  return `${key}-value`;
}

/** A JSON value of the given shape, with representative values. */
export function sample(shape: Shape, key = '', path = ''): unknown {
  if (Array.isArray(shape)) {
    const item = shape[0];
    return item === undefined ? [] : [sample(item, key, `${path}[]`)];
  }
  if (isObject(shape)) {
    return Object.fromEntries(
      Object.entries(shape).map(([k, v]) => [k, sample(v, k, path ? `${path}.${k}` : k)]),
    );
  }
  switch (shape) {
    case 'str':
      return sampleString(key, path);
    case 'int':
      return 1;
    case 'bool':
      return true;
    case 'dict':
      return {};
    case 'list':
      return [];
    default: // NoneType, any
      return null;
  }
}

/**
 * Fields of `value` that `shape` does not have ("a.b", "list[].c"). A leaf type admits a
 * scalar, an empty object or an empty list (nothing inside it was published).
 */
export function unknownFields(value: unknown, shape: Shape, path = ''): string[] {
  if (Array.isArray(value)) {
    if (Array.isArray(shape)) {
      const item = shape[0];
      return value.flatMap((v) =>
        item === undefined ? [`${path}[]`] : unknownFields(v, item, `${path}[]`),
      );
    }
    return value.length === 0 || shape === 'any' ? [] : [`${path}[]`];
  }
  if (isObject(value)) {
    if (!isObject(shape)) {
      return Object.keys(value).length === 0 || shape === 'any'
        ? []
        : Object.keys(value).map((k) => `${path}.${k}`);
    }
    return Object.entries(value).flatMap(([k, v]) => {
      const p = path ? `${path}.${k}` : k;
      const s = shape[k];
      return s === undefined ? [p] : unknownFields(v, s, p);
    });
  }
  return [];
}
