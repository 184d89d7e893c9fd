import { defineVendor, type Unavailable, type Vendor } from '@mdm-graph/mdm-core/steps';
import { type IntegrationConfig, parseConfig } from '../config';
import { credentialFieldOf } from './api';

/**
 * Esper's words for mdm-core's step layer (partial data, fan-out, preflight, skipped records):
 * Esper has no per-key scopes, so a missing permission is something the key "may not" do, and
 * the fix is a key created by a user whose role allows it. The sentences below are the ones
 * Esper's steps used before the layer, word for word.
 */
function describeUnavailable(u: Unavailable, v: Vendor): string {
  return u.status === 403
    ? `${u.skipped} were not ingested: the Esper API key ${v.lacksPermission(u.permission)} (HTTP 403). The rest of the graph is ingested; ${u.source ? `to fix, ${v.fixes(u)}` : 'grant the permission and run again'}.`
    : `${u.skipped} were not ingested: the Esper API answered HTTP 404 (not available on this tenant). The rest of the graph is ingested.`;
}

export const esper = defineVendor<IntegrationConfig>({
  name: 'Esper',
  credential: 'API key',
  grantWhere: 'create the key as a user whose role allows it',
  // A 401 names what this instance authenticates with (API key, or OAuth2 client credentials).
  credentialField: (instanceConfig) => {
    const parsed = parseConfig(instanceConfig);
    return parsed.ok ? credentialFieldOf(parsed.config) : 'accessToken (ACCESS_TOKEN)';
  },
  lacksPermission: (permission) => `may not ${permission}`,
  messages: {
    refused: describeUnavailable,
    absent: describeUnavailable,
    refusedStatusText: (refused, v) =>
      `Forbidden (requires permission: ${refused.map((u) => u.permission).join(', ')}): ${refused
        .map((u) => describeUnavailable(u, v))
        .join(' ')}`,
    absentStatusText: (absent, v) =>
      `Not Found: ${absent.map((u) => describeUnavailable(u, v)).join(' ')}`,
  },
});
