import { classesOf, type Collection, type GraphEntity } from './collection';
import { findQuestion, type ManagedQuestion } from './questions';

export type Tone = 'good' | 'bad' | 'warn' | 'neutral' | 'unknown';

export interface FigureRow {
  /** Stable identifier of the row inside its figure (used by tests and anchors). */
  key: string;
  label: string;
  /** What the row counts: devices, except for findings figures (vulnerabilities, threats). */
  count: number;
  /** The devices behind the row (entity keys). */
  devices: string[];
  /** J1QL answering this row in JupiterOne. */
  query?: string;
  tone: Tone;
  /** Distinct CVEs among a row's vulnerability findings (one finding per device and CVE). */
  cves?: number;
}

export type FigureId =
  | 'os'
  | 'platform'
  | 'encryption'
  | 'firewall'
  | 'checkin'
  | 'apps'
  | 'vulnerabilities'
  | 'threats';

export interface Figure {
  id: FigureId;
  title: string;
  /** One sentence with the number that matters. */
  headline: string;
  /** What `count` counts in this figure. */
  unit: 'devices' | 'vulnerabilities' | 'threats';
  rows: FigureRow[];
  /** J1QL answering the whole figure: the managed question's query where one exists. */
  query: string;
  managed?: { id: string; title: string };
  /** A managed question on the same subject that answers part of the figure (e.g. Macs only). */
  related?: { id: string; title: string; query: string };
  /** Definitions: what counts as outdated, unknown, the reference time… */
  note: string;
}

export interface Posture {
  deviceTypes: string[];
  devices: GraphEntity[];
  figures: Figure[];
  referenceTime?: Date;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
export const pct = (n: number, total: number) =>
  total === 0 ? '0%' : `${Math.round((n * 1000) / total) / 10}%`;
/** "1 device", "3 devices". */
export const devicesText = (n: number) => `${n} device${n === 1 ? '' : 's'}`;
const isAre = (n: number) => (n === 1 ? 'is' : 'are');
const hasHave = (n: number) => (n === 1 ? 'has' : 'have');
const doDoes = (n: number) => (n === 1 ? 'does' : 'do');
export const deviceName = (e: GraphEntity) => String(e.displayName ?? e.name ?? e.serial ?? e._key);

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Epoch milliseconds from a number or a parsable date string; undefined otherwise. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** The leading whole number of a version string ("14.4.1" -> 14, "Android 13" -> 13). */
export function majorOf(version: unknown): number | undefined {
  const s = typeof version === 'number' ? String(version) : str(version);
  const m = s?.match(/\d+/);
  return m ? Number(m[0]) : undefined;
}

/** On, off or not reported, from `encrypted`, falling back to `filevaultEnabled` (Kandji Macs). */
export function encryptionOf(d: GraphEntity): 'on' | 'off' | 'unknown' {
  if (typeof d.encrypted === 'boolean') return d.encrypted ? 'on' : 'off';
  if (typeof d.filevaultEnabled === 'boolean') return d.filevaultEnabled ? 'on' : 'off';
  return 'unknown';
}

export function firewallOf(d: GraphEntity): 'on' | 'off' | 'unknown' {
  return typeof d.firewallEnabled === 'boolean' ? (d.firewallEnabled ? 'on' : 'off') : 'unknown';
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'moderate', 'low', 'informational', 'none'];

function group<T>(items: T[], keyOf: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = keyOf(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

const has = (e: GraphEntity, cls: string) => classesOf(e).includes(cls);

/**
 * Fleet posture from what a collection wrote: only graph properties are read, an absent
 * property counts as "unknown" (never as off), and every figure carries the J1QL that
 * answers it in JupiterOne.
 */
export function computePosture(c: Collection, questions: ManagedQuestion[] = []): Posture {
  const devices = c.entities.filter((e) => has(e, 'Device'));
  const deviceTypes = [...new Set(devices.map((d) => d._type))].sort();
  const T = deviceTypes.length === 1 ? deviceTypes[0]! : `(${deviceTypes.join('|')})`;
  const byKey = new Map(c.entities.map((e) => [e._key, e]));
  const deviceKeys = new Set(devices.map((d) => d._key));
  const keys = (list: GraphEntity[]) => list.map((d) => d._key);
  const total = devices.length;
  const figures: Figure[] = [];
  const managed = (fragments: string[]) => {
    const hit = findQuestion(questions, fragments);
    return hit
      ? { query: hit.query, managed: { id: hit.question.id, title: hit.question.title } }
      : undefined;
  };
  if (total === 0) return { deviceTypes, devices, figures, referenceTime: c.collectedAt };

  // ---- OS versions --------------------------------------------------------------
  const osProp = (d: GraphEntity) =>
    str(d.osName) ? 'osName' : str(d.osType) ? 'osType' : str(d.platform) ? 'platform' : undefined;
  const osOf = (d: GraphEntity) => {
    const p = osProp(d);
    return p ? `${p}\u0000${str(d[p])}` : '';
  };
  const newest = new Map<string, number>();
  for (const d of devices) {
    const m = majorOf(d.osVersion);
    const os = osOf(d);
    if (m !== undefined && os) newest.set(os, Math.max(newest.get(os) ?? m, m));
  }
  const osRows: FigureRow[] = [];
  let outdated = 0;
  const byOs = group(devices, osOf);
  for (const os of [...byOs.keys()].sort()) {
    const list = byOs.get(os)!;
    const [prop, name] = os ? (os.split('\u0000') as [string, string]) : [undefined, undefined];
    const base = prop
      ? `FIND ${T} WITH ${prop} = ${lit(name!)}`
      : `FIND ${T} WITH osName = undefined AND osType = undefined AND platform = undefined`;
    const byMajor = group(list, (d) => String(majorOf(d.osVersion) ?? ''));
    const majors = [...byMajor.keys()].sort((a, b) =>
      b === '' ? -1 : a === '' ? 1 : Number(b) - Number(a),
    );
    for (const m of majors) {
      const ds = byMajor.get(m)!;
      const label = `${name ?? 'OS not reported'} ${m === '' ? '(version not reported)' : m}`;
      const isOutdated = m !== '' && Number(m) < newest.get(os)!;
      if (isOutdated) outdated += ds.length;
      osRows.push({
        key: `${name ?? 'unknown'} ${m || 'unknown'}`,
        label: isOutdated ? `${label} (outdated)` : label,
        count: ds.length,
        devices: keys(ds),
        tone: m === '' ? 'unknown' : isOutdated ? 'bad' : 'good',
        query:
          m === ''
            ? `${base} AND osVersion = undefined`
            : `${base} AND (osVersion = ${lit(m)} OR osVersion ^= ${lit(`${m}.`)})`,
      });
    }
  }
  const newestText = [...newest.entries()]
    .sort()
    .map(([os, m]) => `${os.split('\u0000')[1]} ${m}`)
    .join(', ');
  const osManaged = managed([deviceTypes[0]!, 'osVersion', 'count(']);
  figures.push({
    id: 'os',
    title: 'Operating system versions',
    headline: `${outdated} of ${devicesText(total)} (${pct(outdated, total)}) ${outdated === 1 ? 'runs' : 'run'} an outdated major OS version.`,
    unit: 'devices',
    rows: osRows,
    query:
      osManaged?.query ??
      `FIND ${T} AS d\nRETURN d.osName, d.osVersion, count(d) AS devices\nORDER BY devices DESC`,
    managed: osManaged?.managed,
    note:
      `"Outdated" means a major version below the newest major version of the same OS found in this collection` +
      (newestText ? ` (${newestText})` : '') +
      `; it is relative to the fleet, not to the vendor's latest release, so a fleet entirely on an old release shows none outdated. ` +
      `The major version is the leading number of osVersion.`,
  });

  // ---- Platforms ------------------------------------------------------------------
  const byPlatform = group(devices, (d) => str(d.platform) ?? '');
  figures.push({
    id: 'platform',
    title: 'Devices by platform',
    headline: `${devicesText(total)} on ${[...byPlatform.keys()].filter(Boolean).length} platform(s)${byPlatform.has('') ? `; ${byPlatform.get('')!.length} without a reported platform` : ''}.`,
    unit: 'devices',
    rows: [...byPlatform.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([p, ds]) => ({
        key: p || 'unknown',
        label: p || 'platform not reported',
        count: ds.length,
        devices: keys(ds),
        tone: p ? 'neutral' : 'unknown',
        query: p ? `FIND ${T} WITH platform = ${lit(p)}` : `FIND ${T} WITH platform = undefined`,
      })),
    query: `FIND ${T} AS d\nRETURN d.platform, count(d) AS devices\nORDER BY devices DESC`,
    note: 'From the device property platform.',
  });

  // ---- Encryption -----------------------------------------------------------------
  const usesFileVault = devices.some((d) => typeof d.filevaultEnabled === 'boolean');
  const enc = group(devices, encryptionOf);
  const encQuery = {
    on: usesFileVault
      ? `FIND ${T} WITH encrypted = true OR (encrypted = undefined AND filevaultEnabled = true)`
      : `FIND ${T} WITH encrypted = true`,
    off: usesFileVault
      ? `FIND ${T} WITH encrypted = false OR (encrypted = undefined AND filevaultEnabled = false)`
      : `FIND ${T} WITH encrypted = false`,
    unknown: usesFileVault
      ? `FIND ${T} WITH encrypted = undefined AND filevaultEnabled = undefined`
      : `FIND ${T} WITH encrypted = undefined`,
  };
  const encOff = enc.get('off')?.length ?? 0;
  const encUnknown = enc.get('unknown')?.length ?? 0;
  const encManaged = usesFileVault
    ? managed([deviceTypes[0]!, 'filevaultEnabled != true'])
    : undefined;
  figures.push({
    id: 'encryption',
    title: usesFileVault ? 'Disk encryption (FileVault on Macs)' : 'Disk encryption',
    headline: `${devicesText(encOff)} (${pct(encOff, total)}) ${isAre(encOff)} not encrypted; ${encUnknown} ${doDoes(encUnknown)} not report it.`,
    unit: 'devices',
    rows: [
      { key: 'on', label: 'Encrypted', tone: 'good' as Tone },
      { key: 'off', label: 'Not encrypted', tone: 'bad' as Tone },
      { key: 'unknown', label: 'Not reported', tone: 'unknown' as Tone },
    ].map((r) => ({
      ...r,
      count: enc.get(r.key)?.length ?? 0,
      devices: keys(enc.get(r.key) ?? []),
      query: encQuery[r.key as 'on' | 'off' | 'unknown'],
    })),
    query: `FIND ${T} AS d\nRETURN d.encrypted${usesFileVault ? ', d.filevaultEnabled' : ''}, count(d) AS devices`,
    related: encManaged && { ...encManaged.managed, query: encManaged.query },
    note:
      `From the device property encrypted` +
      (usesFileVault ? `, or filevaultEnabled where encrypted is absent` : '') +
      `. A device that reports neither is counted as "not reported", never as unencrypted.`,
  });

  // ---- Firewall ---------------------------------------------------------------------
  const fw = group(devices, firewallOf);
  const fwOff = fw.get('off')?.length ?? 0;
  const fwRelated = managed([deviceTypes[0]!, 'firewallEnabled = false']);
  figures.push({
    id: 'firewall',
    title: 'Firewall',
    headline: `${devicesText(fwOff)} (${pct(fwOff, total)}) ${hasHave(fwOff)} the firewall off; ${fw.get('unknown')?.length ?? 0} ${doDoes(fw.get('unknown')?.length ?? 0)} not report it.`,
    unit: 'devices',
    rows: [
      { key: 'on', label: 'Firewall on', tone: 'good' as Tone, q: 'true' },
      { key: 'off', label: 'Firewall off', tone: 'bad' as Tone, q: 'false' },
      { key: 'unknown', label: 'Not reported', tone: 'unknown' as Tone, q: 'undefined' },
    ].map(({ q, ...r }) => ({
      ...r,
      count: fw.get(r.key)?.length ?? 0,
      devices: keys(fw.get(r.key) ?? []),
      query: `FIND ${T} WITH firewallEnabled = ${q}`,
    })),
    query: `FIND ${T} AS d\nRETURN d.firewallEnabled, count(d) AS devices`,
    related: fwRelated && { ...fwRelated.managed, query: fwRelated.query },
    note: 'From the device property firewallEnabled (the macOS application firewall); mobile devices do not report one.',
  });

  // ---- Check-in -----------------------------------------------------------------------
  if (c.collectedAt) {
    const ref = c.collectedAt.getTime();
    const bucket = (d: GraphEntity) => {
      const t = timeOf(d.lastSeenOn);
      if (t === undefined) return 'never';
      const age = ref - t;
      return age > 30 * DAY_MS ? 'over30' : age > 7 * DAY_MS ? '7to30' : 'within7';
    };
    const seen = group(devices, bucket);
    const n = (k: string) => seen.get(k)?.length ?? 0;
    const over7 = n('7to30') + n('over30');
    const ciManaged = managed([deviceTypes[0]!, 'lastSeenOn <', '30 days']);
    figures.push({
      id: 'checkin',
      title: 'Last check-in',
      headline: `${devicesText(over7)} (${pct(over7, total)}) ${hasHave(over7)} not checked in for 7 days, ${n('over30')} (${pct(n('over30'), total)}) for 30 days; ${n('never')} report${n('never') === 1 ? 's' : ''} no check-in.`,
      unit: 'devices',
      rows: [
        {
          key: 'within7',
          label: 'Checked in within 7 days',
          tone: 'good' as Tone,
          query: `FIND ${T} WITH lastSeenOn > date.now - 7 days`,
        },
        {
          key: '7to30',
          label: 'Not for 7 to 30 days',
          tone: 'warn' as Tone,
          query: `FIND ${T} WITH lastSeenOn <= date.now - 7 days AND lastSeenOn >= date.now - 30 days`,
        },
        {
          key: 'over30',
          label: 'Not for more than 30 days',
          tone: 'bad' as Tone,
          query: `FIND ${T} WITH lastSeenOn < date.now - 30 days`,
        },
        {
          key: 'never',
          label: 'No check-in reported',
          tone: 'unknown' as Tone,
          query: `FIND ${T} WITH lastSeenOn = undefined`,
        },
      ].map((r) => ({ ...r, count: n(r.key), devices: keys(seen.get(r.key) ?? []) })),
      query:
        ciManaged?.query ??
        `FIND ${T} WITH lastSeenOn < date.now - 30 days AS d\nRETURN d.displayName, d.serial, d.platform, d.lastSeenOn\nORDER BY d.lastSeenOn ASC`,
      managed: ciManaged?.managed,
      note:
        `From the device property lastSeenOn, measured from the ${c.collectedAtSource === 'collection start (summary.json)' ? 'start of the collection' : 'time the graph files were written'} ` +
        `(${c.collectedAt.toISOString()}), not from when you open this report; in JupiterOne, date.now is the time the query runs.`,
    });
  }

  // ---- Applications on the most devices ---------------------------------------------------
  const appDevices = new Map<string, Set<string>>();
  const appRelTypes = new Set<string>();
  for (const l of c.links) {
    const [dev, app] = deviceKeys.has(l.from) ? [l.from, l.to] : [l.to, l.from];
    const a = byKey.get(app);
    if (!deviceKeys.has(dev) || !a || !has(a, 'Application')) continue;
    appRelTypes.add(l.type);
    let set = appDevices.get(app);
    if (!set) appDevices.set(app, (set = new Set()));
    set.add(dev);
  }
  if (appDevices.size) {
    const top = [...appDevices.entries()]
      .sort(
        (a, b) =>
          b[1].size - a[1].size ||
          deviceName(byKey.get(a[0])!).localeCompare(deviceName(byKey.get(b[0])!)),
      )
      .slice(0, 25);
    const appTypes = [...new Set([...appDevices.keys()].map((k) => byKey.get(k)!._type))].sort();
    const A = appTypes.length === 1 ? appTypes[0]! : `(${appTypes.join('|')})`;
    const appManaged = managed([appTypes[0]!, deviceTypes[0]!, 'count(']);
    const first = top[0]!;
    figures.push({
      id: 'apps',
      title: 'Applications installed on the most devices',
      headline: `${deviceName(byKey.get(first[0])!)} is installed on ${first[1].size} of ${devicesText(total)} (${pct(first[1].size, total)}); ${appDevices.size} applications are installed on at least one device.`,
      unit: 'devices',
      rows: top.map(([appKey, set]) => {
        const app = byKey.get(appKey)!;
        const id = str(app.bundleId) ?? str(app.packageName);
        const idProp = str(app.bundleId)
          ? 'bundleId'
          : str(app.packageName)
            ? 'packageName'
            : '_key';
        return {
          key: appKey,
          label: id && id !== deviceName(app) ? `${deviceName(app)} (${id})` : deviceName(app),
          count: set.size,
          devices: [...set],
          tone: 'neutral' as Tone,
          query: `FIND ${T} AS d THAT HAS AS install ${app._type} WITH ${idProp} = ${lit(id ?? appKey)} AS app\nRETURN d.displayName, d.serial, install.version`,
        };
      }),
      query:
        appManaged?.query ??
        `FIND ${A} AS app THAT HAS ${T} AS d\nRETURN app.displayName, count(d) AS devices\nORDER BY devices DESC LIMIT 25`,
      managed: appManaged?.managed,
      note: `Distinct devices per application over the ${[...appRelTypes].sort().join(', ')} relationships; the 25 most installed.`,
    });
  }

  // ---- Findings: vulnerabilities by severity, threats by status ---------------------------
  const findingFigure = (opts: {
    id: 'vulnerabilities' | 'threats';
    title: string;
    entities: GraphEntity[];
    prop: 'severity' | 'status';
    order: (a: string, b: string) => number;
    tone: (v: string) => Tone;
    note: string;
    /** J1QL filter for the findings the figure counts, e.g. "open != false". */
    filter?: string;
  }) => {
    const also = opts.filter ? ` AND ${opts.filter}` : '';
    const types = [...new Set(opts.entities.map((e) => e._type))].sort();
    const F = types.length === 1 ? types[0]! : `(${types.join('|')})`;
    const devicesOf = new Map<string, Set<string>>();
    for (const l of c.links) {
      const [dev, f] = deviceKeys.has(l.from) ? [l.from, l.to] : [l.to, l.from];
      if (!deviceKeys.has(dev)) continue;
      let set = devicesOf.get(f);
      if (!set) devicesOf.set(f, (set = new Set()));
      set.add(dev);
    }
    const byValue = group(opts.entities, (e) => str(e[opts.prop]) ?? '');
    // Kandji reports a vulnerability per device and CVE: the CVEs behind the findings.
    const hasCves = opts.id === 'vulnerabilities' && opts.entities.some((e) => str(e.cveId));
    const cvesOf = (list: GraphEntity[]) =>
      new Set(list.map((e) => str(e.cveId)).filter((x) => x !== undefined)).size;
    const rows: FigureRow[] = [...byValue.entries()]
      .sort((a, b) => opts.order(a[0], b[0]))
      .map(([v, list]) => {
        const devs = new Set<string>();
        for (const e of list) for (const d of devicesOf.get(e._key) ?? []) devs.add(d);
        return {
          key: v || 'unknown',
          label: v || 'not reported',
          count: list.length,
          devices: [...devs],
          ...(hasCves ? { cves: cvesOf(list) } : {}),
          tone: v ? opts.tone(v) : 'unknown',
          query: `FIND ${F} WITH ${opts.prop} = ${v ? lit(v) : 'undefined'}${also} AS f\nTHAT HAS ${T} AS d\nRETURN f.displayName, d.displayName, d.serial`,
        };
      });
    // A managed question counting by the same property answers the figure; one that
    // lists some of the findings (e.g. the critical ones) is shown as related.
    const exact = managed([types[0]!, `.${opts.prop}`, 'count(']);
    const m = exact ?? managed([types[0]!, opts.prop]);
    const affected = new Set(opts.entities.flatMap((e) => [...(devicesOf.get(e._key) ?? [])]));
    figures.push({
      id: opts.id,
      title: opts.title,
      headline: `${opts.entities.length} ${opts.id === 'vulnerabilities' ? 'vulnerability findings' : 'threats'}${hasCves ? ` (${cvesOf(opts.entities)} distinct CVEs)` : ''} on ${affected.size} of ${devicesText(total)} (${pct(affected.size, total)}).`,
      unit: opts.id,
      rows,
      query:
        exact?.query ??
        `FIND ${F}${opts.filter ? ` WITH ${opts.filter}` : ''} AS f\nRETURN f.${opts.prop}, count(f) AS ${opts.id}\nORDER BY ${opts.id} DESC`,
      managed: exact?.managed,
      related: !exact && m ? { ...m.managed, query: m.query } : undefined,
      note: opts.note,
    });
  };
  const sevRank = (v: string) => {
    const i = SEVERITY_ORDER.indexOf(v.toLowerCase());
    return i < 0 ? SEVERITY_ORDER.length : i;
  };
  const vulns = c.entities.filter(
    (e) => e._type.endsWith('_vulnerability') || (has(e, 'Vulnerability') && !has(e, 'Device')),
  );
  const openVulns = vulns.filter((v) => v.open !== false);
  if (vulns.length)
    findingFigure({
      id: 'vulnerabilities',
      title: 'Vulnerabilities by severity',
      entities: openVulns,
      prop: 'severity',
      order: (a, b) => sevRank(a) - sevRank(b) || a.localeCompare(b),
      tone: (v) => (sevRank(v) <= 1 ? 'bad' : sevRank(v) <= 3 ? 'warn' : 'neutral'),
      filter: 'open != false',
      note:
        `Vulnerability findings by their severity property; the device list of a row is every device that HAS one of its findings.` +
        (vulns.length > openVulns.length
          ? ` ${vulns.length - openVulns.length} ${vulns.length - openVulns.length === 1 ? 'finding marked open = false is' : 'findings marked open = false are'} left out.`
          : ''),
    });
  const threats = c.entities.filter((e) => e._type.endsWith('_threat'));
  if (threats.length)
    findingFigure({
      id: 'threats',
      title: 'Threats by status',
      entities: threats,
      prop: 'status',
      order: (a, b) => a.localeCompare(b),
      tone: (v) =>
        /not|fail|detect|active/i.test(v)
          ? 'bad'
          : /quarantin|resolv|releas|remov/i.test(v)
            ? 'good'
            : 'neutral',
      note: 'Threat findings (malware and potentially unwanted programs) by their status property, with the devices they were detected on.',
    });

  return { deviceTypes, devices, figures, referenceTime: c.collectedAt };
}
