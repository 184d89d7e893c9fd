import {
  createDirectRelationship,
  type IntegrationStep,
  type JobState,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { isListIncompleteError, mapConcurrent } from '@mdm-graph/mdm-core';
import {
  deviceExists,
  type EsperDeviceApp,
  listDeviceApps,
  paths,
  permissions,
} from '../../client';
import { deviceExistsV2, pathsV2 } from '../../client-v2';
import type { IntegrationConfig } from '../../config';
import {
  createUncatalogedApplicationEntity,
  uncatalogedApplicationKey,
} from '../applications/converter';
import { Entities, EsperApi, IngestionSources, Relationships, Steps } from '../constants';
import { collect, getAccountEntity, isUnavailable, type StepContext } from '../helpers';
import { EsperPlatform } from '../devices/converter';
import { AppleAppResolver } from './apple';
import { installedAppProperties } from './converter';

/**
 * After this many refusals (403, or 404 for a device that exists) without one success the
 * key clearly lacks the permission or the tenant lacks the endpoint: stop asking.
 */
const DENIED_BEFORE_GIVING_UP = 10;

interface DeviceRef {
  id: string;
  key: string;
  /** Esper platform (ANDROID, APPLE, WINDOWS, LINUX); undefined only on entities of older runs. */
  platform?: string;
}

async function catalogKeysByPackage(jobState: JobState): Promise<Map<string, string>> {
  const byPackage = new Map<string, string>();
  await jobState.iterateEntities({ _type: Entities.APPLICATION._type }, (app) => {
    if (
      app.inCatalog === true &&
      typeof app.packageName === 'string' &&
      !byPackage.has(app.packageName)
    ) {
      byPackage.set(app.packageName, app._key);
    }
  });
  return byPackage;
}

async function deviceRefs(jobState: JobState): Promise<DeviceRef[]> {
  const refs: DeviceRef[] = [];
  await jobState.iterateEntities({ _type: Entities.DEVICE._type }, (device) => {
    if (typeof device.id !== 'string') return;
    const platform = typeof device.esperPlatform === 'string' ? device.esperPlatform : undefined;
    refs.push({ id: device.id, key: device._key, platform });
  });
  return refs;
}

/** Platforms whose installed apps are read: Android through v1, Apple through v2. */
const isApple = (d: DeviceRef) => d.platform === EsperPlatform.APPLE;
const hasReadableApps = (d: DeviceRef) =>
  d.platform === undefined || d.platform === EsperPlatform.ANDROID || isApple(d);

/**
 * esper_device HAS esper_application for every installed app. Esper has no
 * tenant-wide listing, so this is one call per device, with bounded concurrency
 * under the shared rate limiter: GET /enterprise/{eid}/device/{id}/app/ for
 * Android, GET /v2/devices/{id}/device-apps/ plus one cached tenant-app (or
 * iTunes app) lookup per distinct app for Apple devices. Windows and Linux
 * devices are not read. Apps not in the enterprise catalog become
 * esper_application entities keyed by package name or bundle id.
 *
 * A device whose apps answer 404 and whose own record answers 404 too was deleted
 * after the device list was read: it is skipped (its entity goes with the next run).
 * Devices whose apps were refused (403), or answer 404 while the device exists, are
 * skipped and the step then fails naming the permission, after ingesting every
 * readable device, so J1 keeps the links it cannot refresh (partial types).
 */
export async function fetchInstalledApps(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  const account = await getAccountEntity(jobState);
  const catalog = await catalogKeysByPackage(jobState);
  const allDevices = await deviceRefs(jobState);
  const devices = allDevices.filter(hasReadableApps);
  const notRead = allDevices.length - devices.length;
  if (notRead > 0) {
    logger.info(
      { devices: notRead },
      'Installed apps are read for Android and Apple devices only; Windows and Linux devices are skipped',
    );
  }

  await collect(context, 'deviceApps', async ({ client, config, report, unavailable }) => {
    const apple = new AppleAppResolver(client);
    /** denied: 403; absent: 404 although the device exists; deleted: the device is gone. */
    const tally = { ok: 0, denied: 0, absent: 0, notAsked: 0, deleted: 0, failed: 0 };
    let firstDenial: unknown;
    let firstAbsent: unknown;
    let firstFailure: unknown;
    const fail = (err: unknown) => {
      // Keep collecting the other devices; the step fails at the end (partial dataset).
      tally.failed++;
      firstFailure ??= err;
    };
    const fetchOne = async (
      device: DeviceRef,
    ): Promise<{ device: DeviceRef; apps?: EsperDeviceApp[] }> => {
      if (tally.ok === 0 && tally.denied + tally.absent >= DENIED_BEFORE_GIVING_UP) {
        tally.notAsked++;
        return { device };
      }
      const apps: EsperDeviceApp[] = [];
      try {
        if (isApple(device)) {
          // Names what was read into `apps` even when the list ends short (then throws).
          await apple.appsOf(device.id, report, apps);
        } else {
          for await (const app of listDeviceApps(client, config.enterpriseId, device.id, {
            report,
          }))
            apps.push(app);
        }
        tally.ok++;
        return { device, apps };
      } catch (err) {
        if (isListIncompleteError(err)) {
          // Shorter than its `count`: link what was read, then fail the step (completeness).
          fail(err);
          return { device, apps };
        }
        if (!isUnavailable(err)) {
          fail(err);
        } else if (err.status === 403) {
          tally.denied++;
          firstDenial ??= err;
        } else {
          // One extra call, only for a 404: was the device deleted, or is the endpoint missing?
          try {
            const exists = isApple(device)
              ? await deviceExistsV2(client, device.id)
              : await deviceExists(client, config.enterpriseId, device.id);
            if (exists) {
              tally.absent++;
              firstAbsent ??= err;
            } else {
              tally.deleted++;
            }
          } catch (checkErr) {
            fail(checkErr);
          }
        }
        return { device };
      }
    };

    // The configured number of calls in flight (the tenant's in-flight limit when set); the
    // buffer keeps them in flight while devices already answered are being ingested.
    const inFlight = config.tuning.maxConcurrentRequests ?? EsperApi.DEVICE_APPS_CONCURRENCY;
    for await (const { device, apps } of mapConcurrent(devices, inFlight, fetchOne, {
      buffer: inFlight,
    })) {
      for (const app of apps ?? []) {
        // The enterprise catalog (v1) lists Android apps: Apple bundle ids are never matched to it.
        let appKey = isApple(device) ? undefined : catalog.get(app.package_name);
        if (!appKey) {
          appKey = uncatalogedApplicationKey(app.package_name);
          if (!jobState.hasKey(appKey)) {
            const entity = await jobState.addEntity(createUncatalogedApplicationEntity(app));
            await jobState.addRelationship(
              createDirectRelationship({
                _class: RelationshipClass.HAS,
                from: account,
                to: entity,
              }),
            );
          }
        }
        const relationship = createDirectRelationship({
          _class: RelationshipClass.HAS,
          fromKey: device.key,
          fromType: Entities.DEVICE._type,
          toKey: appKey,
          toType: Entities.APPLICATION._type,
          properties: installedAppProperties(app),
        });
        if (!jobState.hasKey(relationship._key)) await jobState.addRelationship(relationship);
      }
    }

    if (apple.lookups > 0) {
      logger.info(
        { distinctApps: apple.lookups, webclipsSkipped: apple.skipped.webclips },
        'Apple installed apps named through one tenant-app or iTunes-app lookup per distinct app',
      );
    }
    if (apple.unresolved.size > 0) {
      logger.warn(
        { byAppType: Object.fromEntries(apple.unresolved) },
        'Some Apple installed apps could not be named (the app lookup answered 404 or no bundle id); they are left out',
      );
    }
    if (tally.deleted > 0) {
      logger.info(
        { devices: tally.deleted },
        'Devices removed since the device list was read; their apps are skipped',
      );
    }
    const unread = tally.denied + tally.absent + tally.notAsked;
    if (unread > 0) {
      unavailable({
        status: tally.denied > 0 ? 403 : 404,
        missing: `Installed apps of ${unread} of ${devices.length} devices`,
        cause: tally.denied > 0 ? firstDenial : firstAbsent,
      });
    }
    if (firstFailure !== undefined) {
      logger.warn(
        { failedDevices: tally.failed },
        'Installed apps could not be read for some devices',
      );
      throw firstFailure;
    }
  });
}

export const installedAppSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.INSTALLED_APPS,
    name: 'Fetch Installed Apps',
    entities: [Entities.APPLICATION],
    relationships: [Relationships.DEVICE_HAS_APPLICATION, Relationships.ACCOUNT_HAS_APPLICATION],
    dependsOn: [Steps.DEVICES, Steps.APPLICATIONS],
    ingestionSourceId: IngestionSources.INSTALLED_APPS,
    authorization: {
      permissions: [permissions.deviceApps],
      endpoints: [
        `GET /api/${paths.deviceApps('{enterprise_id}', '{device_id}')}`,
        `GET /api/${pathsV2.deviceApps('{device_id}')}`,
        `GET /api/${pathsV2.tenantApp('{app_id}')}`,
        `GET /api/${pathsV2.itunesApps()}`,
      ],
    },
    executionHandler: fetchInstalledApps,
  },
];
