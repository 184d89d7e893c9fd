import type { CompletenessTracker, ValidationReport } from '@mdm-graph/mdm-core';
import type { ZodType } from 'zod';
import type { KandjiApi } from '../../client';
import {
  PRISM_ACTIVATION_LOCK_COLUMNS,
  prismActivationLockSchema,
  prismApplicationFirewallSchema,
  prismFilevaultSchema,
  prismGatekeeperSchema,
  prismStartupSettingsSchema,
} from '../../client';
import { ColumnTracker, reportMissingColumns } from '../columns';
import { Paths } from '../constants';
import { streamPrism } from '../prism';
import type { KandjiStepContext } from '../../config';
import {
  detailFromPrismActivationLock,
  detailFromPrismFilevault,
  detailFromPrismFirewall,
  detailFromPrismGatekeeper,
  detailFromPrismStartupSettings,
  mergeDetail,
  type DeviceDetailPart,
} from './detail';

interface PostureCategory<T> {
  category: string;
  resource: string;
  schema: ZodType<T>;
  /** Column read -> device property it fills (for the drift log). */
  columns: Record<string, string>;
  toDetail: (row: T) => DeviceDetailPart;
}

type Row = { device_id: string };

/** Erases the row type: each category's schema produces the rows its toDetail reads. */
function category<T extends Row>(c: PostureCategory<T>): PostureCategory<Row> {
  return { ...c, schema: c.schema, toDetail: (row) => c.toDetail(row as T) };
}

/** The Prism posture categories with their published columns (Kandji's examples). */
const POSTURE_CATEGORIES = [
  category({
    category: Paths.PRISM_FILEVAULT,
    resource: 'prism filevault row',
    schema: prismFilevaultSchema,
    columns: {
      status: 'encrypted, filevaultEnabled',
      key_escrowed: 'filevaultRecoveryKeyEscrowed',
      key_type: 'filevaultRecoveryKeyType',
    },
    toDetail: detailFromPrismFilevault,
  }),
  category({
    category: Paths.PRISM_APPLICATION_FIREWALL,
    resource: 'prism application_firewall row',
    schema: prismApplicationFirewallSchema,
    columns: { status: 'firewallEnabled' },
    toDetail: detailFromPrismFirewall,
  }),
  category({
    category: Paths.PRISM_GATEKEEPER,
    resource: 'prism gatekeeper_and_xprotect row',
    schema: prismGatekeeperSchema,
    columns: { gatekeeper_status: 'gatekeeperEnabled' },
    toDetail: detailFromPrismGatekeeper,
  }),
  category({
    category: Paths.PRISM_STARTUP_SETTINGS,
    resource: 'prism startup_settings row',
    schema: prismStartupSettingsSchema,
    columns: {
      sip: 'sipEnabled',
      secure_boot_level: 'secureBootLevel',
      bootstrap_token_escrowed: 'bootstrapTokenEscrowed',
    },
    toDetail: detailFromPrismStartupSettings,
  }),
] as const;

export interface PrismPosture {
  byId: Map<string, DeviceDetailPart>;
  /**
   * Whether prism/activation_lock carried activation-lock columns. When false, `activationLockWhy`
   * says why (for the one log line the caller writes once it knows where activation lock comes from).
   */
  activationLock: boolean;
  activationLockWhy?: string;
}

/**
 * Reads the Prism posture categories (FileVault, application firewall, Gatekeeper, startup
 * settings, activation lock) side by side: each about rows/300 requests. A category the token
 * or tenant lacks (403/404) is logged by streamPrism and leaves its properties empty; a
 * published column no row carries is logged once (schema drift). prism/activation_lock is used
 * only when its rows carry activation-lock columns: Kandji publishes no example of them.
 */
export async function readPrismPosture(
  api: KandjiApi,
  context: KandjiStepContext,
  report: ValidationReport,
  /** Where each category's `total` is compared with its rows (the step checks it after ingesting). */
  completeness?: CompletenessTracker,
): Promise<PrismPosture> {
  const byId = new Map<string, DeviceDetailPart>();
  const add = (deviceId: string, part: DeviceDetailPart) =>
    byId.set(deviceId, mergeDetail(byId.get(deviceId) ?? {}, part));

  const readCategory = async (c: PostureCategory<Row>): Promise<void> => {
    const tracker = new ColumnTracker(Object.keys(c.columns));
    const read = await streamPrism(
      api,
      context,
      {
        category: c.category,
        resource: c.resource,
        schema: tracker.track(c.schema),
        report,
        fallback: `nothing (${Object.values(c.columns).join(', ')} left empty)`,
        completeness,
      },
      (row) => {
        add(row.device_id, c.toDetail(row));
      },
    );
    if (read) reportMissingColumns(context, c.category, tracker, c.columns);
  };

  const lockRows = new Map<string, DeviceDetailPart>();
  const lockTracker = new ColumnTracker(PRISM_ACTIVATION_LOCK_COLUMNS);
  const readActivationLock = (): Promise<boolean> =>
    streamPrism(
      api,
      context,
      {
        category: Paths.PRISM_ACTIVATION_LOCK,
        resource: 'prism activation_lock row',
        schema: lockTracker.track(prismActivationLockSchema),
        report,
        fallback: `per-device ${Paths.DEVICE_DETAILS} for activation lock`,
        completeness,
      },
      (row) => {
        if (row.columns.length > 0) lockRows.set(row.device_id, detailFromPrismActivationLock(row));
      },
    );

  const [lockRead] = await Promise.all([
    readActivationLock(),
    ...POSTURE_CATEGORIES.map(readCategory),
  ]);

  const carried = PRISM_ACTIVATION_LOCK_COLUMNS.filter((c) => lockTracker.carried(c) > 0);
  if (lockRead && carried.length > 0) {
    for (const [id, part] of lockRows) add(id, part);
    context.logger.info(
      { endpoint: Paths.PRISM_ACTIVATION_LOCK, columns: carried },
      `Kandji ${Paths.PRISM_ACTIVATION_LOCK} carries activation-lock columns (${carried.join(', ')}); activation lock read from Prism`,
    );
    return { byId, activationLock: true };
  }
  const activationLockWhy = !lockRead
    ? `${Paths.PRISM_ACTIVATION_LOCK} is unavailable`
    : lockTracker.rows === 0
      ? `${Paths.PRISM_ACTIVATION_LOCK} returned no rows`
      : `${Paths.PRISM_ACTIVATION_LOCK} rows carry no activation-lock column (none of ${PRISM_ACTIVATION_LOCK_COLUMNS.join(', ')}; Kandji's published example of this category is a copy of device_information)`;
  return { byId, activationLock: false, activationLockWhy };
}
