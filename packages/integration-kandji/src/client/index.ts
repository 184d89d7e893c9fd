/**
 * The Kandji client: every endpoint this integration reads, once, with its path, minimal zod
 * schema (only the fields we read, `.nullish()` for vendor fields), page strategy and the API
 * token permission it needs (Endpoints); and the one way to build a client for a tenant
 * (createKandjiApi / withKandjiApi). Everything is parsed at this boundary; steps and
 * converters only see the parsed types. Imports nothing from steps/. Facts:
 * ../shared/reference/kandji-api.md (beside this repository) ([KOA] api-docs.kandji.io via the
 * OpenAPI/Postman export, [GK] graph-kandji recordings).
 */
export { closeKandjiPools, createKandjiApi, withKandjiApi, type KandjiApi } from './api';
export { Endpoints, Paths, Permissions, type KandjiEndpoint } from './endpoints';
export { KandjiLimits } from '../tuning';
export * from './devices';
export * from './prism';
export * from './directory';
export * from './findings';
export { CREDENTIAL_FIELD, kandji } from './vendor';
