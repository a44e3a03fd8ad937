/** Plan files (`*.cmplan.json`): writing, reading, migrating. Pure: runs in the UI, workers and Node. */
export {
  CURRENT_FORMAT_VERSION,
  DEFAULT_LIMITS,
  FORBIDDEN_KEYS,
  PLAN_FILE_EXTENSION,
  PLAN_FILE_TYPE,
  type AppInfo,
  type EnvelopeExtras,
  type PlanFileOrigin,
  type PlanFileSignature,
  type PlanFileEnvelope,
  type PlanFileLimits,
} from './format';
export { MIGRATIONS, migratePlan, type MigrationResult, type MigrationStep } from './migrations';
export { asImportedPlan } from './imported';
export {
  fileSizeProblem,
  parsePlanFile,
  type ParsePlanFileOptions,
  type ParsePlanFileResult,
  type PlanFileSource,
} from './parse';
export { PLAN_FILE_PROBLEM_CODES, type FileProblem, type PlanFileProblemCode, type ProblemPath } from './problems';
export { PlanFileWriteError, serialisePlanFile, type PlanFileWriteErrorCode } from './serialise';
