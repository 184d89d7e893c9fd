// The step layer of @mdm-graph/mdm-core (`@mdm-graph/mdm-core/steps`): the step-level policies
// every MDM integration needs, declared once. Vendor wording comes from one descriptor
// (defineVendor); see the package README, "Adding a new MDM vendor".

// Vendor wording and error mapping
export { defineVendor, defaultVendorMessages, hasStatus } from './vendor';
export type {
  VendorDescriptor,
  Vendor,
  VendorMessages,
  EndpointInfo,
  OptionalEndpoint,
  Unavailable,
  StepScopeContext,
} from './vendor';

// Partial data: optional endpoints refused (403) or absent (404)
export {
  PartialData,
  partialDataStep,
  optionalResource,
  requiredResource,
  warnUnavailable,
} from './partial-data';
export type { StepScope, RecordOptions } from './partial-data';

// Per-device fan-out
export { FanOut, fanOut } from './fan-out';
export type { FanOutOptions, FanOutResult, FanOutTally } from './fan-out';

// Sequential pages read ahead
export { readAhead } from './read-ahead';

// Skipped records
export { newReport, publishSkipped } from './skipped';

// Typed step data
export { stepData, StepDataMissingError, isStepDataMissingError } from './step-data';
export type { StepData, StepDataOptions } from './step-data';

// Per-tenant clients, limiters and pools
export { TenantRegistry, tenantRegistry, fingerprint } from './tenants';
export type { TenantClientOptions } from './tenants';

// Ingestion sources and the permission preflight
export { sourcePermissions, isSourceEnabled, ingestionSourceProblems } from './sources';
export type { SourcePermission, ProbeRequest } from './sources';
export { runPreflight, preflightMessage } from './preflight';
export type { PreflightFinding, PreflightOptions } from './preflight';
