/** Fixture builders with overrides: aSyncJob({ spec: { schedule: ... } }). */
import {
  API_VERSION,
  pipedriveConnectionSchema,
  syncJobSchema,
  type Condition,
  type PipedriveConnection,
  type SyncJob,
  type SyncJobStatus,
} from '../../src/api/index.js';
import type { ObservedJob, ObservedSyncJob } from '../../src/controllers/sync-job-plan-input.js';

export const T0 = new Date('2026-11-28T10:00:00Z');
export const at = (iso: string) => new Date(iso);

type SpecInput = Record<string, unknown>;

/** A SyncJob as the API server returns it (defaults applied by parsing the zod schema). */
export function aSyncJob(
  overrides: {
    spec?: SpecInput;
    status?: SyncJobStatus;
    annotations?: Record<string, string>;
    generation?: number;
  } = {},
): SyncJob {
  return syncJobSchema.parse({
    apiVersion: API_VERSION,
    kind: 'SyncJob',
    metadata: {
      name: 'acme-to-warehouse',
      namespace: 'sales',
      uid: 'uid-1',
      generation: overrides.generation ?? 1,
      creationTimestamp: '2026-11-28T09:00:00Z',
      annotations: overrides.annotations,
    },
    spec: {
      connectionRef: { name: 'acme' },
      destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
      schedule: '*/30 * * * *',
      ...overrides.spec,
    },
    status: overrides.status,
  });
}

export function readyCondition(
  status: 'True' | 'False',
  reason = 'Validated',
  since = '2026-11-28T08:00:00Z',
): Condition {
  return {
    type: 'Ready',
    status,
    reason,
    message: `${reason} message`,
    lastTransitionTime: since,
    observedGeneration: 1,
  };
}

export function aConnection(
  overrides: { spec?: SpecInput; conditions?: Condition[]; status?: Record<string, unknown> } = {},
): PipedriveConnection {
  return pipedriveConnectionSchema.parse({
    apiVersion: API_VERSION,
    kind: 'PipedriveConnection',
    metadata: { name: 'acme', namespace: 'sales', uid: 'conn-uid', generation: 1 },
    spec: {
      companyDomain: 'acme',
      auth: { apiTokenSecretRef: { name: 'acme-pipedrive', key: 'apiToken' } },
      ...overrides.spec,
    },
    status: { conditions: overrides.conditions ?? [readyCondition('True')], ...overrides.status },
  });
}

export function aJob(overrides: Partial<ObservedJob> & { name: string }): ObservedJob {
  return { trigger: 'Schedule', createdAt: T0, state: 'Active', deleting: false, ...overrides };
}

export function observed(overrides: Partial<ObservedSyncJob> = {}): ObservedSyncJob {
  return {
    syncJob: aSyncJob(),
    connection: aConnection(),
    jobs: [],
    destinationSecret: 'Present',
    ...overrides,
  };
}
