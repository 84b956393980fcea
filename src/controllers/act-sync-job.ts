/**
 * Act for the SyncJob controller: performs a SyncJobPlan in the order the plan
 * prescribes (delete, create, status), then events and metrics.
 * - Job creation is idempotent: names are deterministic, so AlreadyExists
 *   means an earlier attempt (or another replica) created it: success.
 * - Deletion uses background propagation so the Job's pods go too; NotFound
 *   means it is already gone.
 * - Status is a merge patch of what changed only, guarded by the uid. The
 *   new Job's entry in `status.active` gets the uid the API server just
 *   assigned, so the reconcile that the Job's creation triggers finds the
 *   status already right and writes nothing.
 */
import type * as k8s from '@kubernetes/client-node';
import {
  API_VERSION,
  GROUP,
  SYNC_JOB_KIND,
  SYNC_JOB_PLURAL,
  VERSION,
  type SyncJob,
  type SyncJobStatus,
} from '../api/index.js';
import { isAlreadyExists, isNotFound } from '../kube/client.js';
import type { EventRecorder } from '../kube/event-recorder.js';
import { isEmptyPatch, mergePatchFor } from '../kube/merge-patch.js';
import type { StatusWriter } from '../kube/status-writer.js';
import type { Logger } from '../observability/logger.js';
import type { SyncMetrics } from '../observability/metrics-sync.js';
import type { ObservedSyncJob } from './sync-job-plan-input.js';
import type { SyncJobPlan } from './sync-job-plan.js';

export interface SyncJobActDeps {
  batch: k8s.BatchV1Api;
  statusWriter: StatusWriter;
  recorder: EventRecorder;
  metrics: SyncMetrics;
  logger: Logger;
  /** Builds the batch/v1 Job of a planned run. */
  buildJob: (observed: ObservedSyncJob, run: NonNullable<SyncJobPlan['createJob']>) => k8s.V1Job;
}

export async function actOnSyncJob(
  deps: SyncJobActDeps,
  observed: ObservedSyncJob,
  plan: SyncJobPlan,
): Promise<void> {
  const { syncJob } = observed;
  const namespace = syncJob.metadata.namespace ?? '';
  const log = deps.logger.child({ kind: SYNC_JOB_KIND, namespace, name: syncJob.metadata.name });

  for (const { name, why } of plan.deleteJobs) {
    try {
      await deps.batch.deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' });
      log.info('Deleted Job', { job: name, why });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  let status = plan.status;
  if (plan.createJob) {
    const body = deps.buildJob(observed, plan.createJob);
    try {
      const created = await deps.batch.createNamespacedJob({ namespace, body });
      status = withActiveUid(status, plan.createJob.name, created.metadata?.uid);
      log.info('Created Job', { job: plan.createJob.name, trigger: plan.createJob.trigger });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      log.info('Found Job already created', { job: plan.createJob.name });
    }
  }

  const patch = mergePatchFor(syncJob.status ?? {}, status);
  if (!isEmptyPatch(patch)) {
    const result = await deps.statusWriter.patch(
      {
        group: GROUP,
        version: VERSION,
        plural: SYNC_JOB_PLURAL,
        namespace,
        name: syncJob.metadata.name,
        uid: syncJob.metadata.uid ?? '',
      },
      patch,
    );
    if (result === 'gone') return;
  }

  recordFinishedRun(deps.metrics, observed, plan);
  for (const event of plan.events) {
    deps.recorder.record(
      { apiVersion: API_VERSION, kind: SYNC_JOB_KIND, metadata: syncJob.metadata },
      event.type,
      event.reason,
      event.reason.startsWith('Job') ? 'Reconcile' : 'Sync',
      event.message,
    );
  }
}

function withActiveUid(status: SyncJobStatus, jobName: string, uid: string | undefined): SyncJobStatus {
  if (!uid || !status.active) return status;
  return { ...status, active: status.active.map((a) => (a.name === jobName && !a.uid ? { ...a, uid } : a)) };
}

/**
 * Counts a run once: when the status written now shows a finished run that the
 * previous status did not (a new Job name, or the same Job no longer Running).
 */
function recordFinishedRun(metrics: SyncMetrics, observed: ObservedSyncJob, plan: SyncJobPlan): void {
  const { syncJob } = observed;
  const before = syncJob.status?.lastRun;
  const after = plan.status.lastRun;
  const namespace = syncJob.metadata.namespace ?? '';
  if (!after || after.result === 'Running') {
    restoreLastSuccess(metrics, syncJob);
    return;
  }
  if (before && before.jobName === after.jobName && before.result !== 'Running') {
    restoreLastSuccess(metrics, syncJob);
    return;
  }
  const report = observed.jobs.find((j) => j.name === after.jobName)?.report;
  const rowsByTable: Record<string, number> = {};
  for (const t of report?.tables ?? []) rowsByTable[t.name] = t.rowsWritten ?? 0;
  const completion = after.completionTime ? new Date(after.completionTime).getTime() / 1000 : undefined;
  metrics.observeRun({
    namespace,
    syncJob: syncJob.metadata.name,
    result: after.result,
    rowsByTable,
    apiRequests: typeof report?.requests === 'number' ? report.requests : 0,
    apiTokensSpent: report?.tokens ?? 0,
    successTimestamp: after.result === 'Succeeded' ? completion : undefined,
    durationSeconds:
      after.startTime && completion !== undefined
        ? Math.max(0, completion - new Date(after.startTime).getTime() / 1000)
        : undefined,
  });
}

function restoreLastSuccess(metrics: SyncMetrics, syncJob: SyncJob): void {
  const last = syncJob.status?.lastSuccessfulTime;
  if (last)
    metrics.setLastSuccess(
      syncJob.metadata.namespace ?? '',
      syncJob.metadata.name,
      new Date(last).getTime() / 1000,
    );
}
