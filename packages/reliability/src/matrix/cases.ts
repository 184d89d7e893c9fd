/**
 * The fault matrix: one row per case and integration. Test names are built
 * from these rows (`<id> <title>`), and docs/reliability.md's table is generated
 * from them plus the last test report (scripts/matrix-doc.ts), so the three
 * cannot drift apart (src/matrix/docs-sync.test.ts checks it).
 *
 * Generic cases run for every integration of the registry (integrations.json) whose simulator
 * has the capabilities they need (the registry contract, @mdm-graph/mdm-core/sim); their ids are
 * `<prefix>-<case>`, the prefix from the integration id (K = Kandji, E = Esper). Vendor-specific
 * cases (facts only one vendor has) are listed with their integration id.
 */
import type { SimulatorCapabilities } from '@mdm-graph/mdm-core/sim';
import { matrixIntegrations, type MatrixIntegration } from '../sims';

/** An integration id of the registry, e.g. "kandji". */
export type Integration = string;

export interface MatrixCase {
  /** Stable id, e.g. "K-RL-1"; K = Kandji, E = Esper. */
  id: string;
  integration: Integration;
  /** Short name; the test is called `${id} ${title}`. */
  title: string;
  /** What must hold. "same graph" = identical entity and relationship `_key` sets as a clean run of the same fleet. */
  expectation: string;
  /** How the fault is produced and what is asserted. */
  how: string;
  /** The generic case (e.g. "RL-1") this row instantiates; absent on vendor-specific cases. */
  generic?: string;
}

const SAME = 'same graph as a clean run';

/** Which generic cases need which simulator capabilities. */
const NEEDS: Record<string, (c: SimulatorCapabilities) => boolean> = {
  'TX-3': (c) => Boolean(c.requestTimeoutEnv && c.independentList),
  'TX-5': (c) => Boolean(c.independentList),
  'CP-1': (c) => Boolean(c.cutShortDeviceList),
  'PL-1': (c) => Boolean(c.deviceListPath && c.invalidDeviceRecords),
  'AU-2': (c) => Boolean(c.credentialEnv),
};

/** Registered integrations a generic case runs for. */
export function integrationsFor(generic: string): MatrixIntegration[] {
  const needs = NEEDS[generic];
  return matrixIntegrations().filter((i) => !needs || needs(i.simulator.capabilities));
}

/** One row per registered integration (that has what the case needs). */
function each(generic: string, title: string, expectation: string, how: string): MatrixCase[] {
  return integrationsFor(generic).map((i) => ({
    id: `${i.prefix}-${generic}`,
    integration: i.id,
    title,
    expectation,
    how: i.simulator.capabilities.caseNotes?.[generic] ?? how,
    generic,
  }));
}

/** A vendor-specific case: listed when its integration is registered. */
function only(c: MatrixCase): MatrixCase[] {
  return matrixIntegrations().some((i) => i.id === c.integration) ? [c] : [];
}

export const CASES: readonly MatrixCase[] = [
  // ---- rate limits -------------------------------------------------------------------------
  ...each(
    'RL-1',
    '429 storm with Retry-After',
    `${SAME}; every 429 retried after the server's Retry-After`,
    'simulator fault: 429 + `Retry-After: 1` on every 3rd request (3 times); asserts 429s were served and the graph matches',
  ),
  ...each(
    'RL-2',
    '429 storm without Retry-After',
    `${SAME}; 429s without hints retried with the default back-off`,
    'simulator fault: bare 429 (no Retry-After, no rate-limit headers) on every 3rd request (3 times)',
  ),
  ...only({
    id: 'K-RL-3',
    integration: 'kandji',
    title: 'per-second window below the client pace',
    expectation: `${SAME}; the client paces itself from Kong headers and retries the 429s it gets`,
    how: 'simulator rate limit 8 requests/s with Kong headers and Retry-After (the client defaults to 50/s)',
  }),
  ...only({
    id: 'K-RL-4',
    integration: 'kandji',
    title: 'hourly budget nearly spent, reset near',
    expectation: `${SAME}; the run waits for the hourly reset (it is within the bound)`,
    how: 'proxy emulating Kong: hourly window with 6 requests left that resets 3 s later (x-ratelimit-*-hour headers, 429 + Retry-After when spent)',
  }),
  ...only({
    id: 'K-RL-5',
    integration: 'kandji',
    title: 'hourly budget spent, reset far',
    expectation:
      'the run fails (exit 1) within seconds; each failed step names the hourly limit and when it resets; steps that got their data finish with it',
    how: 'same proxy, reset 50 min away (beyond the 15 min bound); asserts step errors mention "hour" and the reset time, no hang',
  }),
  // ---- transport faults --------------------------------------------------------------------
  ...each(
    'TX-1',
    '500/502/503/504 on every Nth request',
    `${SAME}; 5xx retried with back-off`,
    'simulator faults: 500 every 5th, 502 every 7th, 503 every 11th, 504 every 13th request, at most three of each',
  ),
  ...each(
    'TX-2',
    'connection reset mid-response',
    `${SAME}; resets retried`,
    'simulator fault: socket destroyed after part of the response, every 3rd request (3 times)',
  ),
  ...each(
    'TX-3',
    'response slower than the timeout',
    `${SAME}; the slow request times out and is retried`,
    'REQUEST_TIMEOUT_SECONDS=2; simulator fault: one list response delayed 4 s, past the configured timeout',
  ),
  ...each(
    'TX-4',
    'truncated JSON body',
    `${SAME}; a body cut short is retried`,
    'simulator fault: full content-length announced, half the body sent, connection closed; every 3rd request (3 times)',
  ),
  ...each(
    'TX-5',
    'non-JSON body',
    'the step whose list answers garbage fails with an error naming the endpoint and what was wrong with the body; the other steps finish; exit 1',
    'simulator fault: 200 with a body that is not valid JSON on a list some steps do not need, persistently',
  ),
  ...each(
    'CP-1',
    'device list cut short while the vendor counts the whole fleet',
    'the devices read are ingested; the step fails naming the endpoint and both figures; device types are partial in summary.json (nothing deleted); exit 1',
    "simulator ends the device list after 5 of 16 devices while the vendor's own count still says 16",
  ),
  // ---- payloads ----------------------------------------------------------------------------
  ...each(
    'PL-1',
    'records failing their schema',
    `${SAME}; bad records skipped, counted and logged by path (no values, no secrets)`,
    'proxy adds to the first device page a record with a wrong-typed id and one without an id, each carrying a canary secret; asserts the skip warning, the count, and the canary absent from logs and graph',
  ),
  ...each(
    'PL-2',
    'record repeated across pages',
    `${SAME}; no duplicate-key failure`,
    'proxy repeats the last record of each page at the top of the next page on multi-page lists',
  ),
  ...each(
    'PL-3',
    'next URL pointing back to an earlier page',
    'no endless loop: the step stops with a pagination error naming the endpoint, or the list is read by offsets and the graph is the same; the run ends',
    'proxy rewrites `next` of a later page to an earlier page (bounded time; asserts request counts stay small)',
  ),
  ...each(
    'PL-4',
    'next URL on another host or scheme',
    `${SAME}; zero requests reach the foreign host`,
    'proxy rewrites every `next`/cursor URL to a second loopback server (127.0.0.2) and to another scheme; asserts the foreign host got 0 requests',
  ),
  ...each(
    'PL-5',
    'server caps the page size below the requested limit',
    `${SAME}; every record is read although pages are shorter than asked`,
    'simulator maxPageSize 7',
  ),
  // ---- auth --------------------------------------------------------------------------------
  ...only({
    id: 'E-AU-1',
    integration: 'esper',
    title: '401 mid-run with OAuth2 client credentials',
    expectation: `${SAME}; the client fetches a new token once and goes on`,
    how: 'OAuth2 config; every issued token is revoked after the 5th API request; asserts a second token was issued',
  }),
  ...each(
    'AU-2',
    '401 mid-run with a static token',
    'the run fails (exit 1) with an authentication error naming the field to fix (ACCESS_TOKEN / accessToken)',
    'proxy answers 401 to every API request after the 5th',
  ),
  // ---- permissions -------------------------------------------------------------------------
  ...only({
    id: 'K-PM-1',
    integration: 'kandji',
    title: '403 on each optional endpoint',
    expectation:
      'that data is skipped with a warning naming the permission; the rest is the same as a clean run; summary.json marks the skipped types as partial',
    how: 'one run per optional permission with the simulator denying it: Users, Blueprints, Library items, Licensing, Prism, and Device details / Application list together with Prism (they are only read as its per-device fallback)',
  }),
  ...only({
    id: 'E-PM-1',
    integration: 'esper',
    title: '403 on each optional endpoint',
    expectation:
      'that data is skipped with a warning naming the permission; the rest is the same as a clean run; summary.json marks the skipped types as partial',
    how: 'one run per optional endpoint (users, installed apps) with the simulator denying it',
  }),
  ...only({
    id: 'K-PM-2',
    integration: 'kandji',
    title:
      "least privilege: the original walkthrough's three permissions, users and findings sources off",
    expectation:
      'exit 0, no failed step; the original graph (account, devices, apps, device -> user links and their users) has the keys of a clean run; no request to users, blueprints, custom profiles or the findings endpoints',
    how: 'token with only Device list, Device details and Application list (Prism, Users, Blueprints, Library items, Licensing, Vulnerability Management, Threats denied); DISABLED_INGESTION_SOURCES=users,vulnerabilities,threats (the findings are on by default), every other source at its default',
  }),
  ...only({
    id: 'K-PM-3',
    integration: 'kandji',
    title: 'every source on, Users denied',
    expectation:
      'exit 2; the error and the preflight warning name the Users permission and the users source; every device -> user link of a clean run is there and kandji_device_has_user is not partial; the users endpoint is probed once',
    how: 'ENABLED_INGESTION_SOURCES=all, the simulator denies users; compares with a clean run and counts users requests (one preflight probe, one read)',
  }),
  ...only({
    id: 'E-PM-2',
    integration: 'esper',
    title: 'least privilege: users and installed-apps sources off',
    expectation:
      'exit 0, no failed step; enterprise, catalog, groups, devices and every user -> device link have the keys of a clean run; no request to users or installed apps',
    how: 'DISABLED_INGESTION_SOURCES=users,installed-apps with the simulator denying both endpoints (any request would be a 403)',
  }),
  ...only({
    id: 'E-PM-3',
    integration: 'esper',
    title: 'every source on, users denied',
    expectation:
      'exit 2; the error and the preflight warning name the permission and the users source; every user -> device link of a clean run is there and esper_user_has_device is not partial; the users endpoint is probed once',
    how: 'ENABLED_INGESTION_SOURCES=all, the simulator denies users; compares with a clean run and counts users requests',
  }),
  // ---- config ------------------------------------------------------------------------------
  // The faults are the vendor's own fields and rules (config.test.ts).
  ...only({
    id: 'K-CF-1',
    integration: 'kandji',
    title: 'every config field missing or malformed',
    expectation:
      'validation fails before any API call with one message naming the field (and no secret)',
    how: 'one run per field and fault (missing, blank, malformed), asserting the message names that field only',
  }),
  ...only({
    id: 'E-CF-1',
    integration: 'esper',
    title: 'every config field missing or malformed',
    expectation:
      'validation fails before any API call with one message naming the field (and no secret)',
    how: 'one run per field and fault (missing, blank, malformed), asserting the message names that field only',
  }),
  // ---- secrets -----------------------------------------------------------------------------
  ...each(
    'SE-1',
    'canary secrets never leak',
    'no canary in .j1-integration/, .j1-integration.log, console/stdio, step errors or stacks',
    'canary token; runs with 5xx, a 401, a 403 on an optional endpoint and an error body echoing the token; scans every output',
  ),
  ...only({
    id: 'E-SE-2',
    integration: 'esper',
    title: 'enterprise secret fields never reach the graph',
    expectation:
      'emm.signup_url, completion_token and enterprise_token appear in no entity, _rawData, log or file',
    how: "scans every output of a clean run for the fleet's enterprise secrets and for the field names",
  }),
  ...only({
    id: 'E-SE-3',
    integration: 'esper',
    title: 'OAuth2 secrets never leak',
    expectation:
      'no canary client secret and no issued access token in .j1-integration/, .j1-integration.log, console/stdio, step errors or stacks',
    how: 'canary OAuth2 client secret; runs with tokens revoked mid-run, an error body echoing the client secret, a wrong client secret and a config error carrying the API key; scans every output',
  }),
];

export function caseById(id: string): MatrixCase {
  const c = CASES.find((x) => x.id === id);
  if (!c) throw new Error(`unknown matrix case ${id}`);
  return c;
}

export function testName(c: MatrixCase): string {
  return `${c.id} ${c.title}`;
}
