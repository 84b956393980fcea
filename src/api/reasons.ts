/** Reasons of the PipedriveConnection Ready condition, one meaning each. */
export const CONNECTION_REASONS = [
  'Validated',
  'Validating',
  'SecretNotFound',
  'SecretKeyMissing',
  'InvalidCredentials',
  'Forbidden',
  'CompanyDomainMismatch',
  'PaymentRequired',
  'RateLimited',
  'ApiUnavailable',
] as const;
export type ConnectionReason = (typeof CONNECTION_REASONS)[number];

/** Reasons of the SyncJob Ready condition, one meaning each. */
export const SYNC_JOB_REASONS = [
  'Scheduled',
  'Running',
  'Succeeded',
  'Suspended',
  'ConnectionNotReady',
  'InvalidSchedule',
  'InvalidTimeZone',
  'DestinationSecretNotFound',
  'LastRunFailed',
] as const;
export type SyncJobReason = (typeof SYNC_JOB_REASONS)[number];
