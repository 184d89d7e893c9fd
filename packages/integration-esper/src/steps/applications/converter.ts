import type { Entity } from '@jupiterone/integration-sdk-core';
import { createApplicationEntity, entityKey, toEpochMs } from '@mdm-graph/mdm-core';
import type { EsperApplication, EsperDeviceApp } from '../../client';
import { Entities } from '../constants';

export function applicationKey(appId: string): string {
  return entityKey(Entities.APPLICATION._type, appId);
}

/** Apps seen on devices but absent from the enterprise catalog are keyed by package name. */
export function uncatalogedApplicationKey(packageName: string): string {
  return entityKey(Entities.APPLICATION._type, `package:${packageName}`);
}

/** The newest version: highest numeric build number, else the first listed. */
function latestVersion(app: EsperApplication) {
  const versions = app.versions ?? [];
  let best = versions[0];
  for (const v of versions) {
    if (Number(v.build_number) > Number(best?.build_number ?? Number.NEGATIVE_INFINITY)) best = v;
  }
  return best;
}

/** An application of the enterprise catalog (GET /enterprise/{eid}/application/). */
export function createCatalogApplicationEntity(app: EsperApplication): Entity {
  const latest = latestVersion(app);
  const name = app.application_name ?? app.package_name ?? app.id;
  return createApplicationEntity({
    _type: Entities.APPLICATION._type,
    _key: applicationKey(app.id),
    app: {
      id: app.id,
      name,
      displayName: name,
      version: latest?.version_code,
      vendor: app.developer,
      packageName: app.package_name,
    },
    properties: {
      inCatalog: true,
      category: app.category,
      contentRating: app.content_rating,
      active: app.is_active,
      // Esper flags its own system apps (e.g. the Esper agent io.shoonya.shoonyadpc) as hidden.
      hidden: app.is_hidden,
      autoUpdate: app.auto_update_app,
      versions: (app.versions ?? []).flatMap((v) => (v.version_code ? [v.version_code] : [])),
      latestBuildNumber: latest?.build_number,
      createdOn: toEpochMs(app.created_on),
      updatedOn: toEpochMs(app.updated_on),
    },
    rawData: app,
  });
}

/** An app installed on a device that the enterprise catalog does not list (system or Play apps). */
export function createUncatalogedApplicationEntity(app: EsperDeviceApp): Entity {
  const name = app.app_name ?? app.package_name;
  return createApplicationEntity({
    _type: Entities.APPLICATION._type,
    _key: uncatalogedApplicationKey(app.package_name),
    app: { id: app.package_name, name, displayName: name, packageName: app.package_name },
    properties: { inCatalog: false, appType: app.app_type },
  });
}
