import { type Entity } from '@jupiterone/integration-sdk-core';
import { buildEntity, type EntityArgs } from './entity';
import { type MdmApplication } from './model';
import { cleanString, firstString, toWebLink } from './text';

/** MdmApplication -> J1 `Application`. */
export function createApplicationEntity(args: EntityArgs & { app: MdmApplication }): Entity {
  const { app } = args;
  const name = firstString(app.name, app.displayName, app.packageName, app.id) ?? args._key;
  return buildEntity('Application', args, {
    id: String(app.id),
    name,
    displayName: firstString(app.displayName, name),
    version: cleanString(app.version) ?? undefined,
    vendor: cleanString(app.vendor) ?? undefined,
    packageName: cleanString(app.packageName) ?? undefined,
    webLink: toWebLink(app.webLink),
  });
}
