import type { SimHandler, SimRequest, SimResponse } from '@mdm-graph/mdm-core/sim';
import type { KandjiFleet } from '../fleet/fleet';
import {
  generateKandjiFindings,
  type KandjiFindings,
  type KandjiFindingsOptions,
} from '../fleet/findings';
import {
  API_PREFIX,
  badRequest,
  decodeCursor,
  encodeCursor,
  intParam,
  notFound,
  queryKey,
} from './paging';

/** What differs between tenants: which security products they have, and paging quirks. */
export interface KandjiFindingsRouteOptions extends KandjiFindingsOptions {
  /** false: the tenant has no Vulnerability Management (404 on vulnerability-management/*). */
  vulnerabilityManagement?: boolean;
  /** false: the tenant has no EDR (404 on threat-details and behavioral-detections); 'no-behavioral': 404 on behavioral-detections only. */
  edr?: boolean | 'no-behavioral';
  /** Put detections `next` URLs on this origin (to test host pinning), e.g. http://acme.kandji.invalid */
  findingsNextOrigin?: string;
}

/** Hard maxima of the published spec [KOA]. */
const DETECTIONS_MAX = 300;
const VULNERABILITIES_MAX = 50;
const THREATS_MAX = 1000;

function sizeParam(req: SimRequest, name: string, max: number): number {
  const asked = intParam(req, name, max);
  return Math.max(1, Math.min(asked === 0 ? max : asked, max));
}

function link(origin: string, path: string, query: Record<string, string | number>): string {
  const q = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  );
  return `${origin}${API_PREFIX}/${path}?${q.toString()}`;
}

/** The findings routes of one simulated tenant; findings are generated on first use. */
export function findingsRoutes(fleet: KandjiFleet, opts: KandjiFindingsRouteOptions = {}) {
  let cached: KandjiFindings | undefined;
  const findings = () => (cached ??= generateKandjiFindings(fleet, opts));
  const vm = opts.vulnerabilityManagement ?? true;
  const edr = opts.edr ?? true;

  /** GET vulnerability-management/detections: {next, previous, results}; cursor `after`, `size` <= 300. */
  const detections: SimHandler = (req): SimResponse => {
    if (!vm) return notFound();
    const size = sizeParam(req, 'size', DETECTIONS_MAX);
    const key = queryKey(req, ['after']);
    let offset = 0;
    const after = req.query.get('after');
    if (after) {
      const decoded = decodeCursor(after, key);
      if (decoded === undefined) return badRequest('Invalid cursor');
      offset = decoded;
    }
    const rows = findings().detections;
    const results = rows.slice(offset, offset + size);
    if (results.length === 0) req.markEmptyPage();
    const origin = opts.findingsNextOrigin ?? req.baseUrl;
    const base = Object.fromEntries(new URLSearchParams(key));
    const at = (o: number) =>
      link(origin, 'vulnerability-management/detections', {
        ...base,
        after: encodeCursor(o, key),
      });
    return {
      json: {
        next: offset + size < rows.length ? at(offset + size) : null,
        previous: offset > 0 ? at(Math.max(0, offset - size)) : null,
        results,
      },
    };
  };

  /** GET vulnerability-management/vulnerabilities: {total, page, size, results}; `page`, `size` <= 50. */
  const vulnerabilities: SimHandler = (req): SimResponse => {
    if (!vm) return notFound();
    const size = sizeParam(req, 'size', VULNERABILITIES_MAX);
    const page = Math.max(1, intParam(req, 'page', 1));
    const rows = findings().cves;
    const results = rows.slice((page - 1) * size, page * size);
    if (results.length === 0) req.markEmptyPage();
    return { json: { total: rows.length, page, size, results } };
  };

  /** DRF-style limit/offset listing with absolute next/previous (threat-details, behavioral-detections). */
  function limitOffset<T>(
    req: SimRequest,
    path: string,
    rows: T[],
    counts: Record<string, number>,
    countKey: string,
  ): SimResponse {
    const limit = sizeParam(req, 'limit', THREATS_MAX);
    const offset = intParam(req, 'offset', 0);
    const results = rows.slice(offset, offset + limit);
    if (results.length === 0) req.markEmptyPage();
    return {
      json: {
        [countKey]: rows.length,
        next:
          offset + limit < rows.length
            ? link(req.baseUrl, path, { limit, offset: offset + limit })
            : null,
        previous:
          offset > 0
            ? link(req.baseUrl, path, { limit, offset: Math.max(0, offset - limit) })
            : null,
        ...counts,
        results,
      },
    };
  }

  /** GET threat-details: {count, next, previous, malware_count, pup_count, results}. */
  const threatDetails: SimHandler = (req) => {
    if (!edr) return notFound();
    const rows = findings().threats;
    return limitOffset(
      req,
      'threat-details',
      rows,
      {
        malware_count: rows.filter((t) => t.classification === 'MALWARE').length,
        pup_count: rows.filter((t) => t.classification === 'PUP').length,
      },
      'count',
    );
  };

  /** GET behavioral-detections: {total_count, next, previous, malicious_count, suspicious_count, results}. */
  const behavioralDetections: SimHandler = (req) => {
    if (edr !== true) return notFound();
    const rows = findings().behavioral;
    return limitOffset(
      req,
      'behavioral-detections',
      rows,
      {
        malicious_count: rows.filter((b) => b.classification === 'malicious').length,
        suspicious_count: rows.filter((b) => b.classification === 'suspicious').length,
      },
      'total_count',
    );
  };

  return { findings, detections, vulnerabilities, threatDetails, behavioralDetections };
}
