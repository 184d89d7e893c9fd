// Esper's own simulator types and its OAuth2 configuration, for the Esper-specific cases.
import type {
  EsperSimulator,
  EsperSimulatorOptions,
} from '@mdm-graph/integration-esper/dist/simulator';
import type { RunningSimulator } from '@mdm-graph/mdm-core/sim';

export type { EsperSimulator, EsperSimulatorOptions };

/** Env of an Esper collection with OAuth2 client credentials instead of the API key. */
export function esperOAuthEnv(sim: RunningSimulator, apiBaseUrl: string): Record<string, string> {
  const esper = sim.native as EsperSimulator;
  return {
    DOMAIN: esper.domain,
    ENTERPRISE_ID: esper.enterpriseId,
    API_BASE_URL: apiBaseUrl,
    CLIENT_ID: esper.oauth.clientId,
    CLIENT_SECRET: esper.oauth.clientSecret,
    TOKEN_URL: esper.oauth.tokenUrl,
  };
}
