export { tokenize, type Token, type TokenizeResult } from './questions/j1ql-tokens';
export {
  lintJ1ql,
  type J1qlContext,
  type J1qlLintResult,
  type PropertyReference,
  type Selector,
} from './questions/j1ql';
export {
  checkQuestionsYaml,
  INTEGRATION_DEFINITION_PLACEHOLDER,
  type QuestionsCheck,
  type QuestionsFile,
  type ManagedQuestion,
  type ManagedQuery,
} from './questions/questions';
export { contextFromInvocationConfig, type StepsLike } from './questions/context';
export { checkPropertyReferences } from './questions/properties';
export {
  parseChangeset,
  isPublishedSource,
  releaseFieldsChanged,
  checkChangesetCoverage,
  type Changeset,
  type WorkspacePackage,
  type CoverageInput,
  type CoverageResult,
} from './changesets/plan';
export {
  resolveBase,
  lastReleasePoint,
  changedFilesSince,
  fileAt,
  gitIn,
  type Git,
  type BaseResolution,
} from './changesets/git';
export {
  checkChangesets,
  workspacePackages,
  type ChangesetCheckOptions,
  type ChangesetCheckReport,
} from './changesets/check';
export {
  checkPackedPackage,
  filesFromPackJson,
  type PackedManifest,
  type PackRules,
} from './pack/inspect';
