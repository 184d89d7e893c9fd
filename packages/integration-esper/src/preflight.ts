import {
  type IntegrationExecutionContext,
  IntegrationWarnEventName,
} from '@jupiterone/integration-sdk-core';
import { isApiCallError } from '@mdm-graph/mdm-core';
import { createEsperClient, Endpoints } from './client';
import type { EsperConfig, IntegrationConfig } from './config';
import { fixesFor, isSourceEnabled, SOURCE_PERMISSIONS, type SourcePermission } from './sources';
import { IngestionSources } from './steps/constants';

export interface PreflightFinding extends SourcePermission {
  endpoint: string;
  status: number;
}

/**
 * The permission preflight: one `limit=1` request per enabled optional source (users: the
 * directory; installed apps: one device's apps, after listing one device), before any step
 * runs. Every source the key cannot read (403) is listed in one warning at the start, with
 * what will be partial and both fixes; the runner's end summary repeats it. Other errors
 * are left to the steps.
 */
export async function runPreflight(
  config: EsperConfig,
  context: IntegrationExecutionContext<IntegrationConfig>,
): Promise<PreflightFinding[]> {
  const findings: PreflightFinding[] = [];
  const client = createEsperClient(config, context.logger, { retry: { maxRetries: 2 } });
  const probe = async (p: SourcePermission, path: string): Promise<void> => {
    try {
      await client.getJson(path, { query: { limit: 1 } });
    } catch (err) {
      if (isApiCallError(err) && err.status === 403)
        findings.push({ ...p, endpoint: `GET ${config.apiBaseUrl}/${path}`, status: 403 });
      else context.logger.info({ path }, 'Permission preflight: probe inconclusive');
    }
  };
  try {
    for (const p of SOURCE_PERMISSIONS) {
      if (!isSourceEnabled(context, p.source)) continue;
      if (p.source === IngestionSources.USERS) await probe(p, Endpoints.users.path({}));
      if (p.source === IngestionSources.INSTALLED_APPS) {
        const deviceId = await firstDeviceId(client, config);
        if (deviceId) {
          await probe(
            p,
            Endpoints.deviceApps.path({ enterprise_id: config.enterpriseId, device_id: deviceId }),
          );
        }
      }
    }
  } finally {
    await client.close();
  }
  if (findings.length > 0) {
    const description = preflightMessage(findings);
    context.logger.warn(
      { preflight: true, partialSources: findings.map((f) => f.source) },
      description,
    );
    context.logger.publishWarnEvent({
      name: IntegrationWarnEventName.MissingPermission,
      description,
    });
  }
  return findings;
}

async function firstDeviceId(
  client: ReturnType<typeof createEsperClient>,
  config: EsperConfig,
): Promise<string | undefined> {
  try {
    const res = await client.getJson(
      Endpoints.devices.path({ enterprise_id: config.enterpriseId }),
      {
        query: { limit: 1 },
      },
    );
    const results = (res.data as { results?: unknown } | null)?.results;
    const first: unknown = Array.isArray(results) ? results[0] : undefined;
    const id = (first as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined; // the devices step reports it
  }
}

export function preflightMessage(findings: readonly PreflightFinding[]): string {
  const items = findings.map(
    (f) =>
      `"${f.source}": the API key may not ${f.permission} (${f.endpoint} returned ${f.status}), so ${f.data} will be partial (kept from earlier runs, not refreshed); to fix, ${fixesFor(f)}`,
  );
  return `Permission preflight: ${findings.length} enabled ingestion source(s) will be partial. ${items.join('. ')}.`;
}
