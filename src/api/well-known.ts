/**
 * Names the custom resources share with everything around them: the API group,
 * kinds, and the labels and annotations the operator reads or writes.
 */
export const GROUP = 'pipedrive.sync.dev';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;

export const CONNECTION_KIND = 'PipedriveConnection';
export const CONNECTION_PLURAL = 'pipedriveconnections';
export const SYNC_JOB_KIND = 'SyncJob';
export const SYNC_JOB_PLURAL = 'syncjobs';

/** Any new value asks for one run now (Flux's requestedAt pattern); the operator never removes it. */
export const REQUESTED_AT_ANNOTATION = `${GROUP}/requested-at`;
/** On Jobs: the schedule time a scheduled run stands for (RFC 3339), like CronJob's scheduled-timestamp. */
export const SCHEDULED_TIME_ANNOTATION = `${GROUP}/scheduled-time`;
/** On Jobs: why the run exists (see JOB_TRIGGERS). */
export const TRIGGER_ANNOTATION = `${GROUP}/trigger`;
/** On Jobs: the SyncJob generation whose spec the run uses. */
export const GENERATION_ANNOTATION = `${GROUP}/generation`;
/** On Jobs created by a manual trigger: the requested-at value they answer. */
export const REQUESTED_AT_HANDLED_ANNOTATION = `${GROUP}/handled-requested-at`;

/** On Jobs and pods: the owning SyncJob's name, for selecting its runs. */
export const SYNC_JOB_LABEL = `${GROUP}/syncjob`;
/** On Jobs, pods and operator-owned Secrets: the PipedriveConnection they belong to. */
export const CONNECTION_LABEL = `${GROUP}/connection`;
/**
 * On the operator-owned OAuth token Secrets `<connection>-oauth-token`. The shipped admission
 * policy (deploy/manifests/token-secret-policy.yaml) lets the operator write only Secrets with it.
 */
export const OAUTH_TOKEN_LABEL = `${GROUP}/oauth-token`;
/** Keys of the operator-owned OAuth token Secret. Sync Jobs mount only accessToken and apiDomain. */
export const OAUTH_TOKEN_KEYS = {
  refreshToken: 'refreshToken',
  accessToken: 'accessToken',
  /** RFC 3339 time the access token expires. */
  accessTokenExpiresAt: 'accessTokenExpiresAt',
  /** Base URL Pipedrive issued with the token (api_domain). */
  apiDomain: 'apiDomain',
} as const;
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const NAME_LABEL = 'app.kubernetes.io/name';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const PART_OF_VALUE = 'pipedrive-sync-operator';
export const NAME_VALUE = 'pipedrive-sync';

/** Why a Job was created: a schedule time, a manual request, or a spec change of an unscheduled SyncJob. */
export const JOB_TRIGGERS = ['Schedule', 'Manual', 'SpecChange'] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];

/** SyncJob names stay short enough that `<name>-<8-digit minutes>` fits a 63-character label value. */
export const MAX_SYNC_JOB_NAME_LENGTH = 52;
/** Connection names are used as label values. */
export const MAX_CONNECTION_NAME_LENGTH = 63;
