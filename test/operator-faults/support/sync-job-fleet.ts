/**
 * The 100 SyncJobs of the kill test, in groups that exercise each policy, and
 * the readers that turn the cluster's objects into the oracle's input.
 */
import type { V1Job } from '@kubernetes/client-node';
import { GROUP, SYNC_JOB_PLURAL, VERSION } from '../../../src/api/index.js';
import {
  createObject,
  listJobs,
  type CustomObject,
  type OperatorEnv,
} from '../../operator/support/operator-env.js';
import { syncJobSpec } from './fault-env.js';
import type { ObservedSyncJobForOracle } from './run-oracle.js';

export const EVERY_MINUTE = '* * * * *';

export interface FleetGroup {
  prefix: string;
  count: number;
  policy: 'Allow' | 'Forbid' | 'Replace';
  schedule?: string;
  startingDeadlineSeconds?: number;
}

export const FLEET: readonly FleetGroup[] = [
  // Unscheduled: one run per spec generation, then one per new requested-at value. Listed (so
  // reconciled first after each restart) in name order: the hand-triggered ones come first.
  { prefix: 'adhoc', count: 10, policy: 'Allow' },
  { prefix: 'allow', count: 45, policy: 'Allow', schedule: EVERY_MINUTE },
  { prefix: 'deadline', count: 15, policy: 'Allow', schedule: EVERY_MINUTE, startingDeadlineSeconds: 100 },
  { prefix: 'forbid', count: 20, policy: 'Forbid', schedule: EVERY_MINUTE },
  { prefix: 'replace', count: 10, policy: 'Replace', schedule: EVERY_MINUTE },
];

export const fleetNames = (group: FleetGroup) =>
  Array.from({ length: group.count }, (_, i) => `${group.prefix}-${String(i).padStart(2, '0')}`);

export async function createFleet(env: OperatorEnv): Promise<void> {
  const all = FLEET.flatMap((group) => fleetNames(group).map((name) => ({ group, name })));
  for (let i = 0; i < all.length; i += 20) {
    await Promise.all(
      all.slice(i, i + 20).map(({ group, name }) =>
        createObject(
          env,
          'SyncJob',
          name,
          syncJobSpec({
            concurrencyPolicy: group.policy,
            ...(group.schedule ? { schedule: group.schedule } : {}),
            ...(group.startingDeadlineSeconds
              ? { startingDeadlineSeconds: group.startingDeadlineSeconds }
              : {}),
          }),
        ),
      ),
    );
  }
}

export async function listSyncJobs(env: OperatorEnv): Promise<CustomObject[]> {
  const list = (await env.custom.listNamespacedCustomObject({
    group: GROUP,
    version: VERSION,
    plural: SYNC_JOB_PLURAL,
    namespace: env.namespace,
  })) as { items: CustomObject[] };
  return list.items;
}

export interface FleetSnapshot {
  syncJobs: CustomObject[];
  jobs: V1Job[];
}

export async function snapshot(env: OperatorEnv): Promise<FleetSnapshot> {
  return { syncJobs: await listSyncJobs(env), jobs: await listJobs(env) };
}

/** The oracle's view of one SyncJob; `requested` lists the requested-at values the test set. */
export function forOracle(sj: CustomObject, requested: string[]): ObservedSyncJobForOracle {
  const spec = sj.spec as { schedule?: string; concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace' };
  const meta = sj.metadata as CustomObject['metadata'] & { creationTimestamp?: string | Date };
  return {
    name: sj.metadata.name,
    createdAt: new Date(meta.creationTimestamp ?? 0),
    schedule: spec.schedule,
    concurrencyPolicy: spec.concurrencyPolicy ?? 'Forbid',
    status: sj.status as ObservedSyncJobForOracle['status'],
    requested,
  };
}

export function jobsOf(jobs: V1Job[], syncJob: CustomObject): V1Job[] {
  return jobs.filter((j) =>
    j.metadata?.ownerReferences?.some((r) => r.controller && r.uid === syncJob.metadata.uid),
  );
}
