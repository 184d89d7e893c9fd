import { IntegrationWarnEventName } from '@jupiterone/integration-sdk-core';
import type { DeviceDetailsMode, KandjiStepContext, ParsedKandjiConfig } from '../../config';
import { Paths, KandjiLimits } from '../constants';
import { ACTIVATION_LOCK_PROPERTIES, DETAILS_ONLY_PROPERTIES } from './detail';

export interface DetailsPlan {
  fetch: boolean;
  mode: DeviceDetailsMode;
  /** Details calls this run may make under `auto` (10% of the hourly budget). */
  budget: number;
  /** Properties left empty when details are not read. */
  leftEmpty: string[];
  /** The `device-details` ingestion source is switched off: no details request at all. */
  sourceOff: boolean;
}

/** The tenant's hourly request budget as configured (Kandji: 10,000/h). */
export function hourlyBudget(config: ParsedKandjiConfig): number {
  return config.tuning?.requestsPerHour ?? KandjiLimits.REQUESTS_PER_HOUR;
}

/**
 * Whether Prism mode also reads devices/{id}/details (one request per device) for what no
 * Prism category has. `auto`: when the calls fit in 10% of the tenant's hourly budget, which
 * every other API client of the tenant shares (about 1,000 devices at 10,000/h).
 */
export function planDeviceDetails(
  config: ParsedKandjiConfig,
  deviceCount: number,
  activationLockFromPrism: boolean,
  sourceEnabled = true,
): DetailsPlan {
  const mode = config.deviceDetails;
  const budget = Math.floor(hourlyBudget(config) * KandjiLimits.DEVICE_DETAILS_BUDGET_SHARE);
  const leftEmpty: string[] = [
    ...DETAILS_ONLY_PROPERTIES,
    ...(activationLockFromPrism ? [] : ACTIVATION_LOCK_PROPERTIES),
  ];
  const fetch = sourceEnabled && (mode === 'always' || (mode === 'auto' && deviceCount <= budget));
  return { fetch, mode, budget, leftEmpty, sourceOff: !sourceEnabled };
}

/**
 * Says once why Prism-mode devices lack the details-only properties: a warning when `auto`
 * judged the fleet too large (naming the setting that changes it), an info line for `never`.
 */
export function announceDetailsPlan(
  context: KandjiStepContext,
  plan: DetailsPlan,
  deviceCount: number,
): void {
  if (plan.fetch) {
    context.logger.info(
      { deviceDetails: plan.mode, devices: deviceCount, budget: plan.budget },
      `Reading ${Paths.DEVICE_DETAILS} for ${deviceCount} device(s) (deviceDetails=${plan.mode}) for ${plan.leftEmpty.join(', ')}`,
    );
    return;
  }
  const properties = plan.leftEmpty.join(', ');
  if (plan.sourceOff) {
    context.logger.info(
      { ingestionSource: 'device-details', leftEmpty: plan.leftEmpty },
      `The "device-details" ingestion source is off: ${Paths.DEVICE_DETAILS} not read; ${properties} left empty on Kandji devices`,
    );
    return;
  }
  if (plan.mode === 'never') {
    context.logger.info(
      { deviceDetails: plan.mode, leftEmpty: plan.leftEmpty },
      `deviceDetails=never: ${Paths.DEVICE_DETAILS} not read; ${properties} left empty on Kandji devices`,
    );
    return;
  }
  const description = `Kandji device properties ${properties} left empty: they come only from ${Paths.DEVICE_DETAILS} (one request per device), and ${deviceCount} devices exceed 10% of the tenant's hourly API budget (${plan.budget} requests). Set deviceDetails (env DEVICE_DETAILS) to "always" to read them anyway, or "never" to silence this warning.`;
  context.logger.warn(
    {
      deviceDetails: plan.mode,
      devices: deviceCount,
      budget: plan.budget,
      leftEmpty: plan.leftEmpty,
    },
    description,
  );
  context.logger.publishWarnEvent({ name: IntegrationWarnEventName.IncompleteData, description });
}
