/**
 * What the sync container is told: non-secret settings as `pipedrive-sync sync`
 * arguments, credentials only as environment variables filled by the kubelet
 * from Secret keys (never literal values, never arguments, which show in `ps`).
 * Flag names follow src/cli/sync-command.ts; change them here and only here.
 */
import type { V1EnvVar } from '@kubernetes/client-node';
import type { PipedriveConnection, SecretKeySelector, SyncJob } from '../api/index.js';

export const DESTINATION_URL_ENV = 'DESTINATION_URL';
export const TERMINATION_LOG = '/dev/termination-log';
/** Where a SQLite destination's PersistentVolumeClaim is mounted. */
export const SQLITE_MOUNT_PATH = '/var/lib/pipedrive-sync';

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
  if (spec.tables) args.push('--tables', spec.tables.join(','));
  if (conn.apiUrl) args.push('--api-url', conn.apiUrl);
  if (spec.destination.tablePrefix) args.push('--table-prefix', spec.destination.tablePrefix);
  return args;
}

function fromSecret(name: string, ref: SecretKeySelector): V1EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } };
}

/**
 * The container environment. `refreshTokenSecretRef` points at the
 * operator-owned Secret with the latest rotated OAuth refresh token, when the
 * connection has one; the user's initial token is used otherwise.
 */
export function syncEnv(
  syncJob: SyncJob,
  connection: PipedriveConnection,
  refreshTokenSecretRef?: SecretKeySelector,
): V1EnvVar[] {
  const auth = connection.spec.auth;
  const env: V1EnvVar[] = [];
  if (auth.scheme === 'Basic' && auth.apiTokenSecretRef) {
    env.push(fromSecret('PIPEDRIVE_API_TOKEN', auth.apiTokenSecretRef));
  }
  if (auth.scheme === 'OAuth' && auth.oauth) {
    env.push(
      fromSecret('PIPEDRIVE_CLIENT_ID', auth.oauth.clientIdSecretRef),
      fromSecret('PIPEDRIVE_CLIENT_SECRET', auth.oauth.clientSecretSecretRef),
      fromSecret('PIPEDRIVE_REFRESH_TOKEN', refreshTokenSecretRef ?? auth.oauth.refreshTokenSecretRef),
    );
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
