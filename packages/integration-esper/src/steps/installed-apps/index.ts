import {
  createDirectRelationship,
  type IntegrationStep,
  type JobState,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { isListIncompleteError } from '@mdm-graph/mdm-core';
import { fanOut } from '@mdm-graph/mdm-core/steps';
import {
  deviceExists,
  deviceExistsV2,
  Endpoints,
  type EsperDeviceApp,
  listDeviceApps,
} from '../../client';
import type { EsperStepContext, IntegrationConfig } from '../../config';
import {
  createUncatalogedApplicationEntity,
  uncatalogedApplicationKey,
} from '../applications/converter';
import { Entities, EsperLimits, IngestionSources, Relationships, Steps } from '../constants';
import { StepDataOf } from '../data';
import { authorizationEndpoint, collect, optionalEndpoint } from '../shared';
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
export async function fetchInstalledApps(context: EsperStepContext): Promise<void> {
  const { jobState, logger } = context;
  const account = await StepDataOf.ACCOUNT.get(jobState);
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

  await collect(context, 'deviceApps', async ({ client, config, report, partial }) => {
    const apple = new AppleAppResolver(client);
    /** Lists shorter than their `count`: what was read is linked, then the step fails. */
    let incomplete = 0;
    let firstIncomplete: unknown;
    const fetchOne = async (device: DeviceRef): Promise<EsperDeviceApp[]> => {
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
      } catch (err) {
        if (!isListIncompleteError(err)) throw err;
        // Shorter than its `count`: link what was read, then fail the step (completeness).
        incomplete++;
        firstIncomplete ??= err;
      }
      return apps;
    };

    // mdm-core's per-device fan-out: the configured number of calls in flight (the buffer keeps
    // them going while devices already answered are ingested); 403 = refused; a 404 is checked
    // against the device itself (deleted since the list was read, or the endpoint is absent on
    // this tenant); after DENIED_BEFORE_GIVING_UP refusals without one success, no new call;
    // other failures fail the step once every readable device was ingested.
    // The tenant's in-flight limit when configured, else the default for this fan-out.
    const inFlight = config.tuning.maxConcurrentRequests ?? EsperLimits.DEVICE_APPS_CONCURRENCY;
    const fan = fanOut(devices, fetchOne, {
      partial,
      endpoint: optionalEndpoint('deviceApps', config, 'Installed apps'),
      concurrency: inFlight,
      buffer: inFlight,
      idOf: (device) => device.id,
      onNotFound: async (device) => {
        const exists = isApple(device)
          ? await deviceExistsV2(client, device.id)
          : await deviceExists(client, config.enterpriseId, device.id);
        return exists ? 'absent' : 'removed';
      },
      stopWhen: (t) => t.ok === 0 && t.refused + t.absent >= DENIED_BEFORE_GIVING_UP,
      skipped: (t) =>
        `Installed apps of ${t.refused + t.absent + t.notAsked} of ${devices.length} devices`,
      failFast: false,
    });
    try {
      for await (const { item: device, value: apps } of fan) {
        for (const app of apps) {
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
    } finally {
      // Told also when another failure ends the fan-out.
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
    }
    if (incomplete > 0) {
      logger.warn(
        { failedDevices: incomplete },
        'Installed apps could not be read for some devices',
      );
      throw firstIncomplete;
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
      permissions: [Endpoints.deviceApps.permission],
      endpoints: [
        authorizationEndpoint('deviceApps'),
        authorizationEndpoint('v2DeviceApps'),
        authorizationEndpoint('tenantApp'),
        authorizationEndpoint('itunesApps'),
      ],
    },
    executionHandler: fetchInstalledApps,
  },
];
