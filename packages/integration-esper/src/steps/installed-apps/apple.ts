import {
  type HttpClient,
  isApiCallError,
  isListIncompleteError,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import {
  type EsperDeviceApp,
  type EsperV2DeviceApp,
  getItunesApp,
  getTenantApp,
  listDeviceAppsV2,
} from '../../client';

/**
 * `app_type` values of /v2/devices/{id}/device-apps/ (esper-cli spec): VPP, TENANT_IOS,
 * ESPER_IOS, WEBCLIP, ESPER_WINDOWS, TENANT_WINDOWS.
 */
const VPP = 'VPP';
const WEBCLIP = 'WEBCLIP';

type Resolution = { app: EsperDeviceApp } | { missing: string };

/**
 * Names an Apple device's installed apps. device-apps items hold ids only, so each distinct
 * app is looked up once per run (cached, concurrent callers share the lookup): VPP apps
 * through /v2/itunesapps/?app_id=, the others through /v2/tenant-apps/{id}/. Web clips are
 * bookmarks, not installed applications: skipped. A lookup that answers 404 (or names no
 * bundle id) leaves that app out and is counted for one log line; a 403 fails the device
 * like a refused device-apps call.
 */
export class AppleAppResolver {
  private readonly cache = new Map<string, Promise<Resolution>>();
  readonly skipped = { webclips: 0 };
  readonly unresolved = new Map<string, number>();

  constructor(private readonly client: HttpClient) {}

  /** Distinct apps looked up so far. */
  get lookups(): number {
    return this.cache.size;
  }

  /**
   * The device's apps, added to `apps` as they are named. A list that ends short of its
   * `content.count` still names what was read into `apps`, then throws the
   * ListIncompleteError (the caller links those and fails the step).
   */
  async appsOf(
    deviceId: string,
    report: ValidationReport,
    apps: EsperDeviceApp[] = [],
  ): Promise<EsperDeviceApp[]> {
    const items: EsperV2DeviceApp[] = [];
    let incomplete: unknown;
    try {
      for await (const item of listDeviceAppsV2(this.client, deviceId, { report }))
        items.push(item);
    } catch (err) {
      if (!isListIncompleteError(err)) throw err;
      incomplete = err;
    }
    for (const item of items) {
      if (item.app_type?.toUpperCase() === WEBCLIP) {
        this.skipped.webclips++;
        continue;
      }
      const resolution = await this.resolve(item);
      if ('app' in resolution) apps.push(resolution.app);
      else
        this.unresolved.set(resolution.missing, (this.unresolved.get(resolution.missing) ?? 0) + 1);
    }
    if (incomplete) throw incomplete;
    return apps;
  }

  private resolve(item: EsperV2DeviceApp): Promise<Resolution> {
    const type = item.app_type?.toUpperCase() ?? 'UNKNOWN';
    const key = `${type === VPP ? VPP : 'TENANT'}:${item.app_id}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.lookup(type, item.app_id);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async lookup(type: string, appId: string): Promise<Resolution> {
    try {
      if (type === VPP) {
        const app = await getItunesApp(this.client, appId);
        const bundle = app?.bundle_id?.trim();
        if (!bundle) return { missing: type };
        return {
          app: { package_name: bundle, app_name: app?.app_name?.trim() || bundle, app_type: type },
        };
      }
      const app = await getTenantApp(this.client, appId);
      const bundle = app.package_name?.trim();
      if (!bundle) return { missing: type };
      // The tenant-app record carries no display name: the bundle id names it.
      return { app: { package_name: bundle, app_name: bundle, app_type: type } };
    } catch (err) {
      if (isApiCallError(err) && err.status === 404) return { missing: type };
      throw err;
    }
  }
}
