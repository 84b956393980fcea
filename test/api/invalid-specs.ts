/**
 * A corpus of invalid PipedriveConnection and SyncJob objects, each with the
 * field its rejection must name. Used against the zod schemas and, through a
 * dry-run create, against the real API server with the generated CRDs.
 */
import { API_VERSION } from '../../src/api/index.js';

export interface InvalidSpec {
  name: string;
  kind: 'PipedriveConnection' | 'SyncJob';
  object: Record<string, unknown>;
  /** The field path the rejection names, as the API server writes it. */
  field: string;
  /** Checked by the API server only (metadata lives outside the zod spec schemas). */
  serverOnly?: boolean;
}

export function aValidConnection(spec: Record<string, unknown> = {}, name = 'acme'): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    kind: 'PipedriveConnection',
    metadata: { name },
    spec: {
      companyDomain: 'acme',
      auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'acme', key: 'apiToken' } },
      ...spec,
    },
  };
}

export function aValidSyncJob(
  spec: Record<string, unknown> = {},
  name = 'acme-to-warehouse',
): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    kind: 'SyncJob',
    metadata: { name },
    spec: {
      connectionRef: { name: 'acme' },
      destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
      schedule: '*/30 * * * *',
      ...spec,
    },
  };
}

const ref = { name: 'acme', key: 'apiToken' };
const oauth = { clientIdSecretRef: ref, clientSecretSecretRef: ref, refreshTokenSecretRef: ref };
const sqlite = { persistentVolumeClaim: { claimName: 'data' }, path: 'pipedrive.db' };
const conn = (name: string, field: string, spec: Record<string, unknown>): InvalidSpec => ({
  name,
  kind: 'PipedriveConnection',
  object: aValidConnection(spec),
  field,
});
const job = (name: string, field: string, spec: Record<string, unknown>): InvalidSpec => ({
  name,
  kind: 'SyncJob',
  object: aValidSyncJob(spec),
  field,
});
const template = (jobTemplate: Record<string, unknown>) => ({ jobTemplate });

export const INVALID_SPECS: InvalidSpec[] = [
  conn('companyDomain missing', 'spec.companyDomain', { companyDomain: undefined }),
  conn('companyDomain is a full host name', 'spec.companyDomain', { companyDomain: 'acme.pipedrive.com' }),
  conn('companyDomain has capitals', 'spec.companyDomain', { companyDomain: 'Acme' }),
  conn('companyDomain is longer than a DNS label', 'spec.companyDomain', { companyDomain: 'a'.repeat(64) }),
  conn('companyDomain is a number', 'spec.companyDomain', { companyDomain: 42 }),
  conn('schema is not V1 or V2', 'spec.schema', { schema: 'V3' }),
  conn('auth missing', 'spec.auth', { auth: undefined }),
  conn('auth scheme unknown', 'spec.auth.scheme', { auth: { scheme: 'Token', apiTokenSecretRef: ref } }),
  conn('Basic without apiTokenSecretRef', 'spec.auth.apiTokenSecretRef', { auth: { scheme: 'Basic' } }),
  conn('Basic with an oauth block too', 'spec.auth.oauth', {
    auth: { scheme: 'Basic', apiTokenSecretRef: ref, oauth },
  }),
  conn('OAuth without the oauth block', 'spec.auth.oauth', { auth: { scheme: 'OAuth' } }),
  conn('OAuth with an apiTokenSecretRef too', 'spec.auth.apiTokenSecretRef', {
    auth: { scheme: 'OAuth', oauth, apiTokenSecretRef: ref },
  }),
  conn('oauth without refreshTokenSecretRef', 'spec.auth.oauth.refreshTokenSecretRef', {
    auth: { scheme: 'OAuth', oauth: { clientIdSecretRef: ref, clientSecretSecretRef: ref } },
  }),
  conn('secret ref without key', 'spec.auth.apiTokenSecretRef.key', {
    auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'acme' } },
  }),
  conn('secret name not a DNS name', 'spec.auth.apiTokenSecretRef.name', {
    auth: { apiTokenSecretRef: { name: 'Bad_Name', key: 'k' } },
  }),
  conn('secret key with a space', 'spec.auth.apiTokenSecretRef.key', {
    auth: { apiTokenSecretRef: { name: 'acme', key: 'api token' } },
  }),
  conn('apiUrl not http(s)', 'spec.apiUrl', { apiUrl: 'ftp://proxy.local' }),
  conn('revalidateInterval in words', 'spec.revalidateInterval', { revalidateInterval: '1 hour' }),
  conn('revalidateInterval below one minute', 'spec.revalidateInterval', { revalidateInterval: '10s' }),
  conn('maxDailyBudgetPercent 0', 'spec.rateLimit.maxDailyBudgetPercent', {
    rateLimit: { maxDailyBudgetPercent: 0 },
  }),
  conn('maxDailyBudgetPercent 101', 'spec.rateLimit.maxDailyBudgetPercent', {
    rateLimit: { maxDailyBudgetPercent: 101 },
  }),
  conn('maxDailyBudgetPercent as a string', 'spec.rateLimit.maxDailyBudgetPercent', {
    rateLimit: { maxDailyBudgetPercent: '50' },
  }),
  {
    name: 'connection name longer than 63 characters',
    kind: 'PipedriveConnection',
    object: aValidConnection({}, 'c'.repeat(64)),
    field: 'metadata.name',
    serverOnly: true,
  },
  job('connectionRef missing', 'spec.connectionRef', { connectionRef: undefined }),
  job('connectionRef name empty', 'spec.connectionRef.name', { connectionRef: { name: '' } }),
  job('unknown table', 'spec.tables[1]', { tables: ['deals', 'opportunities'] }),
  job('a table listed twice', 'spec.tables', { tables: ['deals', 'deals'] }),
  job('empty table list', 'spec.tables', { tables: [] }),
  job('tables as a string', 'spec.tables', { tables: 'deals' }),
  job('unknown mode', 'spec.mode', { mode: 'Delta' }),
  job('destination missing', 'spec.destination', { destination: undefined }),
  job('unknown destination type', 'spec.destination.type', { destination: { type: 'oracle' } }),
  job('postgres without urlSecretRef', 'spec.destination.urlSecretRef', {
    destination: { type: 'postgres' },
  }),
  job('postgres with a sqlite block', 'spec.destination.sqlite', {
    destination: { type: 'postgres', urlSecretRef: ref, sqlite },
  }),
  job('sqlite without the sqlite block', 'spec.destination.sqlite', { destination: { type: 'sqlite' } }),
  job('sqlite with a urlSecretRef', 'spec.destination.urlSecretRef', {
    destination: { type: 'sqlite', sqlite, urlSecretRef: ref },
  }),
  job('sqlite path escaping the volume', 'spec.destination.sqlite.path', {
    destination: { type: 'sqlite', sqlite: { ...sqlite, path: 'data/../../etc/passwd' } },
  }),
  job('tablePrefix with capitals and dashes', 'spec.destination.tablePrefix', {
    destination: { type: 'postgres', urlSecretRef: ref, tablePrefix: 'Pd-' },
  }),
  job('schedule in words', 'spec.schedule', { schedule: 'every 5 minutes' }),
  job('schedule with TZ=', 'spec.schedule', { schedule: 'TZ=Europe/Berlin 0 * * * *' }),
  job('schedule with six fields', 'spec.schedule', { schedule: '0 */5 * * * *' }),
  job('schedule that is a number', 'spec.schedule', { schedule: 5 }),
  job('timeZone with a space', 'spec.timeZone', { timeZone: 'Europe Berlin' }),
  job('timeZone without a schedule', 'spec.timeZone', { schedule: undefined, timeZone: 'Europe/Berlin' }),
  job('suspend as a string', 'spec.suspend', { suspend: 'yes' }),
  job('unknown concurrencyPolicy', 'spec.concurrencyPolicy', { concurrencyPolicy: 'Sometimes' }),
  job('startingDeadlineSeconds below 10', 'spec.startingDeadlineSeconds', { startingDeadlineSeconds: 5 }),
  job('negative successfulJobsHistoryLimit', 'spec.successfulJobsHistoryLimit', {
    successfulJobsHistoryLimit: -1,
  }),
  job('failedJobsHistoryLimit above 100', 'spec.failedJobsHistoryLimit', { failedJobsHistoryLimit: 1000 }),
  job('unknown customFieldNaming', 'spec.customFieldNaming', { customFieldNaming: 'label' }),
  job('negative backoffLimit', 'spec.jobTemplate.backoffLimit', template({ backoffLimit: -1 })),
  job(
    'activeDeadlineSeconds 0',
    'spec.jobTemplate.activeDeadlineSeconds',
    template({ activeDeadlineSeconds: 0 }),
  ),
  job(
    'pod label under a reserved prefix',
    'spec.jobTemplate.podLabels',
    template({ podLabels: { 'pipedrive.sync.dev/syncjob': 'x' } }),
  ),
  job(
    'resource quantity that is not one',
    'spec.jobTemplate.resources.limits.memory',
    template({ resources: { limits: { memory: 'lots' } } }),
  ),
  job(
    'unknown toleration effect',
    'spec.jobTemplate.tolerations[0].effect',
    template({ tolerations: [{ key: 'k', effect: 'Sometimes' }] }),
  ),
  job(
    'serviceAccountName not a DNS name',
    'spec.jobTemplate.serviceAccountName',
    template({ serviceAccountName: 'Bad SA' }),
  ),
  {
    name: 'SyncJob name longer than 52 characters',
    kind: 'SyncJob',
    object: aValidSyncJob({}, 's'.repeat(53)),
    field: 'metadata.name',
    serverOnly: true,
  },
];
