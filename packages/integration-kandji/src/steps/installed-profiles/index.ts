import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { newReport, partialDataStep, publishSkipped } from '@mdm-graph/mdm-core/steps';
import { kandji, prismInstalledProfileSchema, withKandjiApi } from '../../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { createDeviceProfileRelationship } from '../custom-profiles/converter';
import { API_DOCS, Paths, Permissions, Relationships, Steps } from '../constants';
import { StepDataOf, type InstalledProfileRef } from '../data';
import { deviceKey } from '../devices/converter';
import { DEVICE_DETAILS, fetchPerDeviceDetails } from '../devices/per-device';
import { getDeviceList } from '../device-list';
import { streamPrism } from '../prism';

/** Installed profiles need Device details without Prism; the custom-profiles source switches them off. */
const DETAILS_FOR_PROFILES = { ...DEVICE_DETAILS, source: IngestionSources.CUSTOM_PROFILES };

/**
 * kandji_device ASSIGNED kandji_profile: a custom profile installed on a device, matched by
 * profile id (details `uuid`, Prism `payload_uuid`) or mdm_identifier (`identifier`,
 * `payload_identifier`). Sources: the details already read by fetch-devices (per-device
 * mode), else prism/installed_profiles, else devices/{id}/details. Without Prism and Device
 * details the step fails (after fetch-devices' one warning), so the type is partial in J1.
 */
export const fetchInstalledProfiles = partialDataStep(
  kandji,
  async (context: KandjiStepContext, partial) => {
    const profileKeys =
      (await StepDataOf.PROFILE_KEYS_BY_IDENTIFIER.find(context.jobState)) ??
      new Map<string, string>();
    // No custom profiles (none exist, or no permission to read them): nothing to link, no requests.
    if (profileKeys.size === 0) return;
    const config = requireConfig(context.instance.config);
    const report = newReport(context);

    const link = async (deviceId: string, ref: InstalledProfileRef): Promise<void> => {
      const from = deviceKey(deviceId);
      const to =
        (ref.uuid ? profileKeys.get(ref.uuid) : undefined) ??
        (ref.identifier ? profileKeys.get(ref.identifier) : undefined);
      if (!to || !context.jobState.hasKey(from)) return;
      const relationship = createDeviceProfileRelationship(from, to);
      if (!context.jobState.hasKey(relationship._key))
        await context.jobState.addRelationship(relationship);
    };
    const linkAll = async (byDevice: Map<string, InstalledProfileRef[]>): Promise<void> => {
      for (const [deviceId, refs] of byDevice) for (const ref of refs) await link(deviceId, ref);
    };

    const fromDetails = await StepDataOf.DEVICE_INSTALLED_PROFILES.find(context.jobState);
    if (fromDetails) return linkAll(fromDetails);
    // fetch-devices was denied details (so also Prism): the same 403s again would add nothing.
    if (await StepDataOf.DEVICE_DETAILS_DENIED.find(context.jobState)) {
      partial.refused(DETAILS_FOR_PROFILES, undefined, { warned: true });
      return;
    }

    await withKandjiApi(config, context.logger, async (api) => {
      const usedPrism = await streamPrism(
        api,
        context,
        {
          category: Paths.PRISM_INSTALLED_PROFILES,
          resource: 'prism installed_profiles row',
          schema: prismInstalledProfileSchema,
          report,
          fallback: `per-device ${Paths.DEVICE_DETAILS}`,
        },
        (row) =>
          link(row.device_id, {
            uuid: row.payload_uuid ?? null,
            identifier: row.payload_identifier ?? null,
          }),
      );
      if (usedPrism) return;
      const devices = (await getDeviceList(context)).filter((d) =>
        context.jobState.hasKey(deviceKey(d.device_id)),
      );
      const details = await fetchPerDeviceDetails(api, context, devices, report);
      if (details.denied) partial.refused(DETAILS_FOR_PROFILES, details.denied);
      if (details.installedProfiles) await linkAll(details.installedProfiles);
    });
    publishSkipped(partial, report);
  },
);

export const installedProfileSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.INSTALLED_PROFILES,
    name: 'Fetch Installed Profiles',
    entities: [],
    relationships: [Relationships.DEVICE_ASSIGNED_PROFILE],
    dependsOn: [Steps.DEVICES, Steps.CUSTOM_PROFILES],
    ingestionSourceId: IngestionSources.CUSTOM_PROFILES,
    authorization: {
      permissions: [
        `${Permissions.PRISM} (preferred)`,
        `${Permissions.DEVICE_DETAILS} (fallback without Prism)`,
      ],
      endpoints: [
        `GET /api/v1/${Paths.PRISM_INSTALLED_PROFILES}`,
        `GET /api/v1/${Paths.DEVICE_DETAILS}`,
      ],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchInstalledProfiles,
  },
];
