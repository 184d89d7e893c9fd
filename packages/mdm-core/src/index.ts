// The public API of @mdm-graph/mdm-core, by name: what an integration needs to talk to a vendor,
// page through its lists, validate records, convert them into JupiterOne entities and report on
// the run. Internals (header parsing, retry policy, redaction helpers, row memory...) are
// imported by path inside the package and stay private. Types are exported wholesale
// (`export type *`: nothing at run time). The simulator toolkit is `@mdm-graph/mdm-core/sim`; the step layer
// (partial data, fan-out, tenant registry, step data, preflight...) is `@mdm-graph/mdm-core/steps`.
// A client is built one way: `new HttpClient({...})` (or, per tenant, the steps' TenantRegistry).

// Logging
export { silentLogger, createMemoryLogger } from './log';

// HTTP: client, auth, errors, rate limits, transport
export {
  HttpClient,
  bearerAuth,
  oauth2ClientCredentials,
  ApiCallError,
  isApiCallError,
  toJupiterOneError,
  Redactor,
  RateLimiter,
  readKongWindows,
  mapConcurrent,
  checkNetwork,
  HTTP_DIAGNOSTICS_CHANNEL,
} from './http/index';

// Pagination and the completeness guard
export {
  paginate,
  paginateByOffset,
  paginateByCount,
  nestedCountEnvelope,
  nextUrlEnvelope,
  offsetLimitArray,
  pageNumber,
  cursorPage,
  cursorFromNextUrl,
  envelopeError,
  isRecord,
  queryNumber,
  CompletenessTracker,
  ListIncompleteError,
  isListIncompleteError,
} from './paginate/index';

// Validation (and the lenient field helpers: `const { idString, looseBoolean } = fields;`)
export { ValidationReport, parseRecords, fields } from './schema/index';

// Normalized MDM records -> JupiterOne entities
export {
  OS_TYPES,
  createDeviceEntity,
  createApplicationEntity,
  createUserEntity,
  createGroupEntity,
  createConfigurationEntity,
  createAccountEntity,
  createUserEmployeeRelationship,
  sanitizeProperties,
  toEpochMs,
  parseLooseBoolean,
  normalizeMacAddresses,
  toHostnameLabel,
  toOsType,
  normalizeEmail,
  entityKey,
  padKey,
} from './convert/index';

// Optional tuning settings (JupiterOne instance config fields)
export {
  boundedIntegerSetting,
  caCertificatesSetting,
  requestTimeoutSetting,
  timeoutsFromSeconds,
} from './config/index';

// Collection health on the account entity
export { withCollectionHealth, deferAccountEntity } from './health/index';

export type * from './log';
export type * from './http/index';
export type * from './paginate/index';
export type * from './schema/index';
export type * from './convert/index';
export type * from './config/index';
export type * from './health/index';
