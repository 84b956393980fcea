/**
 * What the sync container is told: non-secret settings as `pipedrive-sync sync`
 * arguments, credentials only from Secrets through the kubelet (environment
 * variables from Secret keys, or files of a secret volume; never literal
 * values, never arguments, which show in `ps`). Flag names follow
 * src/cli/sync-command.ts; change them here and only here.
 */
import type { V1EnvVar } from '@kubernetes/client-node';
import {
  OAUTH_TOKEN_KEYS,
  type PipedriveConnection,
  type SecretKeySelector,
  type SyncJob,
} from '../api/index.js';

export const DESTINATION_URL_ENV = 'DESTINATION_URL';
export const TERMINATION_LOG = '/dev/termination-log';
/** Where a SQLite destination's PersistentVolumeClaim is mounted. */
export const SQLITE_MOUNT_PATH = '/var/lib/pipedrive-sync';
/**
 * OAuth: where the operator-issued access token and api_domain are mounted
 * from the operator-owned token Secret. A volume, not an env var, because the
 * kubelet updates mounted Secrets: a run that outlives its access token
 * re-reads the file the operator has renewed meanwhile.
 */
export const OAUTH_TOKEN_MOUNT_PATH = '/var/run/secrets/pipedrive';
export const ACCESS_TOKEN_FILE = `${OAUTH_TOKEN_MOUNT_PATH}/${OAUTH_TOKEN_KEYS.accessToken}`;
export const API_DOMAIN_FILE = `${OAUTH_TOKEN_MOUNT_PATH}/${OAUTH_TOKEN_KEYS.apiDomain}`;

export function syncArgs(syncJob: SyncJob, connection: PipedriveConnection): string[] {
  const spec = syncJob.spec;
  const conn = connection.spec;
  const args = [
    'sync',
    '--domain',
    conn.companyDomain,
    '--schema',
    conn.schema.toLowerCase(),
    '--mode',
    spec.mode.toLowerCase(),
    '--custom-field-naming',
    spec.customFieldNaming,
    '--max-daily-budget-percent',
    String(conn.rateLimit.maxDailyBudgetPercent),
    '--destination-env',
    DESTINATION_URL_ENV,
    '--report-file',
    TERMINATION_LOG,
  ];
  if (conn.auth.scheme === 'OAuth') {
    args.push('--access-token-file', ACCESS_TOKEN_FILE, '--api-domain-file', API_DOMAIN_FILE);
  }
  if (spec.tables) args.push('--tables', spec.tables.join(','));
  if (conn.apiUrl) args.push('--api-url', conn.apiUrl);
  if (spec.destination.tablePrefix) args.push('--table-prefix', spec.destination.tablePrefix);
  return args;
}

function fromSecret(name: string, ref: SecretKeySelector): V1EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } };
}

/**
 * The container environment. OAuth connections get nothing here: the Job
 * never sees the client secret or the refresh token (the operator is the only
 * refresher, so no rotation can be lost in a pod); it reads the access token
 * from the volume at ACCESS_TOKEN_FILE.
 */
export function syncEnv(syncJob: SyncJob, connection: PipedriveConnection): V1EnvVar[] {
  const auth = connection.spec.auth;
  const env: V1EnvVar[] = [];
  if (auth.scheme === 'Basic' && auth.apiTokenSecretRef) {
    env.push(fromSecret('PIPEDRIVE_API_TOKEN', auth.apiTokenSecretRef));
  }
  const destination = syncJob.spec.destination;
  if (destination.type === 'sqlite' && destination.sqlite) {
    // A file path is not a secret: a literal value is fine here.
    env.push({ name: DESTINATION_URL_ENV, value: `sqlite:${SQLITE_MOUNT_PATH}/${destination.sqlite.path}` });
  } else if (destination.urlSecretRef) {
    env.push(fromSecret(DESTINATION_URL_ENV, destination.urlSecretRef));
  }
  // Node writes nothing else to disk; point temporary files at the writable emptyDir.
  env.push({ name: 'TMPDIR', value: '/tmp' });
  return env;
}
