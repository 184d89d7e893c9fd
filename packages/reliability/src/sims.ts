import { dirname, join } from 'node:path';
import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { invocationConfig as esperConfig } from '@mdm-graph/integration-esper';
import { invocationConfig as kandjiConfig } from '@mdm-graph/integration-kandji';
import type {
  EsperSimulator,
  EsperSimulatorOptions,
} from '@mdm-graph/integration-esper/dist/simulator';
import type {
  KandjiSimulator,
  KandjiSimulatorOptions,
} from '@mdm-graph/integration-kandji/dist/simulator';

export type { EsperSimulator, EsperSimulatorOptions, KandjiSimulator, KandjiSimulatorOptions };

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * The simulators are built with each integration (dist/simulator) but not
 * exported by the packages (they are never published), so they are loaded by
 * path, as the demo does.
 */
function loadSimulatorModule(pkg: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- simulators are loaded by path (not exported)
  return require(join(packageDir(pkg), 'dist', 'simulator')) as Record<string, unknown>;
}

export async function startKandji(options: KandjiSimulatorOptions = {}): Promise<KandjiSimulator> {
  const start = loadSimulatorModule('@mdm-graph/integration-kandji').startKandjiSimulator as (
    o: KandjiSimulatorOptions,
  ) => Promise<KandjiSimulator>;
  return start(options);
}

export async function startEsper(options: EsperSimulatorOptions = {}): Promise<EsperSimulator> {
  const start = loadSimulatorModule('@mdm-graph/integration-esper').startEsperSimulator as (
    o: EsperSimulatorOptions,
  ) => Promise<EsperSimulator>;
  return start(options);
}

export function kandjiInvocationConfig(): IntegrationInvocationConfig {
  return kandjiConfig as IntegrationInvocationConfig;
}

export function esperInvocationConfig(): IntegrationInvocationConfig {
  return esperConfig as IntegrationInvocationConfig;
}

/** Env of a Kandji collection (the J1 CLI names: API_URL, ACCESS_TOKEN). */
export function kandjiEnv(apiUrl: string, token: string): Record<string, string> {
  return { API_URL: apiUrl, ACCESS_TOKEN: token };
}

/** Env of an Esper collection with a static API key. */
export function esperEnv(
  sim: Pick<EsperSimulator, 'domain' | 'enterpriseId' | 'token'>,
  apiBaseUrl: string,
): Record<string, string> {
  return {
    DOMAIN: sim.domain,
    ENTERPRISE_ID: sim.enterpriseId,
    ACCESS_TOKEN: sim.token,
    API_BASE_URL: apiBaseUrl,
  };
}

/** Env of an Esper collection with OAuth2 client credentials. */
export function esperOAuthEnv(
  sim: Pick<EsperSimulator, 'domain' | 'enterpriseId' | 'oauth'>,
  apiBaseUrl: string,
): Record<string, string> {
  return {
    DOMAIN: sim.domain,
    ENTERPRISE_ID: sim.enterpriseId,
    API_BASE_URL: apiBaseUrl,
    CLIENT_ID: sim.oauth.clientId,
    CLIENT_SECRET: sim.oauth.clientSecret,
    TOKEN_URL: sim.oauth.tokenUrl,
  };
}
