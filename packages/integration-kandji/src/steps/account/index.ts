import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { deferAccountEntity } from '@mdm-graph/mdm-core';
import { hasStatus, warnUnavailable, type OptionalEndpoint } from '@mdm-graph/mdm-core/steps';
import { Endpoints, getLicensing, kandji, withKandjiApi, type KandjiLicensing } from '../../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, Paths, Entities, Permissions, Steps } from '../constants';
import { StepDataOf } from '../data';
import { createAccount } from './converter';

const LICENSING: OptionalEndpoint = {
  ...Endpoints.LICENSING,
  skipped: 'licensing counts on the account',
};

/**
 * kandji_account, with licensing counts when the token may read settings/licensing.
 *
 * Unlike the other optional endpoints, a 403 on licensing does not fail the step: the
 * account entity (its only key) is always ingested, so nothing could be deleted in J1, and
 * marking kandji_account partial would not keep the old counts either (J1 replaces an
 * entity's properties with the uploaded ones). Failing would only make every run without
 * the Licensing permission report a failure. The warning names the permission.
 * Any other licensing failure still fails the step, after the account was ingested.
 */
export async function fetchAccount(context: KandjiStepContext): Promise<void> {
  const config = requireConfig(context.instance.config);
  let licensing: KandjiLicensing | undefined;
  let failure: Error | undefined;
  await withKandjiApi(config, context.logger, async (api) => {
    try {
      licensing = await getLicensing(api);
    } catch (err) {
      if (hasStatus(err, 403))
        warnUnavailable({ vendor: kandji, context }, { ...LICENSING, status: 403, cause: err });
      else failure = kandji.toJupiterOneError(err, LICENSING);
    }
  });
  if (licensing) await StepDataOf.LICENSING.set(context.jobState, licensing);
  // Added by record-collection-health at the end of the run, with the run's health.
  await deferAccountEntity(context, createAccount(config.apiUrl, licensing));
  if (failure) throw failure;
}

export const accountSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT,
    name: 'Fetch Account',
    // Also declared by record-collection-health, which adds kandji_account last in a full run
    // (a single-step run, e.g. a test harness, adds it here).
    entities: [Entities.ACCOUNT],
    relationships: [],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [`${Permissions.LICENSING} (optional: licensing counts)`],
      endpoints: [`GET /api/v1/${Paths.LICENSING}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchAccount,
  },
];
