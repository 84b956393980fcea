/**
 * The Kubernetes API of the operator: zod schemas of PipedriveConnection and
 * SyncJob (the single source of the CRDs in deploy/crds/), their inferred
 * types, and the labels, annotations and condition names around them.
 */
export * from './well-known.js';
export * from './condition.js';
export { objectMetaSchema, type ObjectMeta } from './object-meta.js';
export { secretKeySelectorSchema, type SecretKeySelector } from './references.js';
export {
  pipedriveConnectionSchema,
  pipedriveConnectionSpecSchema,
  pipedriveConnectionStatusSchema,
  AUTH_SCHEMES,
  API_SCHEMAS,
  type PipedriveConnection,
  type PipedriveConnectionSpec,
  type PipedriveConnectionStatus,
} from './pipedrive-connection.js';
export { jobTemplateSpecSchema, type JobTemplateSpec } from './job-template-spec.js';
export {
  syncJobSpecSchema,
  SYNC_MODES,
  DESTINATION_TYPES,
  CONCURRENCY_POLICIES,
  CUSTOM_FIELD_NAMINGS,
  SCHEDULE_PATTERN,
  type SyncJobSpec,
  type SyncModeName,
  type ConcurrencyPolicy,
  type DestinationType,
} from './sync-job-spec.js';
export {
  syncJobStatusSchema,
  lastRunSchema,
  tableStatusSchema,
  activeJobSchema,
  RUN_RESULTS,
  type SyncJobStatus,
  type LastRun,
  type TableStatus,
  type ActiveJob,
  type RunResult,
} from './sync-job-status.js';
export { syncJobSchema, type SyncJob } from './sync-job.js';
export {
  CONNECTION_REASONS,
  SYNC_JOB_REASONS,
  type ConnectionReason,
  type SyncJobReason,
} from './reasons.js';
export { parseDuration } from './duration.js';
