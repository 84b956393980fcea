/**
 * planSyncJob: the whole decision of one SyncJob reconcile, pure.
 *
 *   observed (SyncJob, connection, Jobs, Secret presence) + now
 *     -> blocking checks (schedule valid? suspended? connection Ready? Secret?)
 *     -> due run (manual request, schedule time, spec change)
 *     -> concurrency policy (Forbid skips, Replace deletes the active Jobs, Allow runs both)
 *     -> history limits, status, events, requeueAfter
 *
 * The controller acts in this order: delete `deleteJobs`, create `createJob`
 * (AlreadyExists means done), then write `status`.
 */
import type { SyncJobStatus } from '../api/index.js';
import { parseSchedule } from './schedule.js';
import { firstBlocker, type PlanContext } from './sync-job-plan-checks.js';
import type { ObservedJob, ObservedSyncJob } from './sync-job-plan-input.js';
import { dueRuns, type PlannedEvent, type RunRequest } from './sync-job-plan-runs.js';
import { buildSyncJobStatus, type Handled } from './sync-job-plan-status.js';

export interface SyncJobPlan {
  status: SyncJobStatus;
  createJob?: RunRequest;
  deleteJobs: { name: string; why: 'Replaced' | 'HistoryLimit' }[];
  /** Milliseconds until the plan should be made again; undefined = only on change. */
  requeueAfterMs?: number;
  events: PlannedEvent[];
}

export function planSyncJob(observed: ObservedSyncJob, now: Date): SyncJobPlan {
  const spec = observed.syncJob.spec;
  const schedule = spec.schedule ? parseSchedule(spec.schedule, spec.timeZone ?? 'UTC') : undefined;
  const ctx: PlanContext = { observed, now, schedule };
  const events: PlannedEvent[] = [];
  const deleteJobs: SyncJobPlan['deleteJobs'] = historyLimitDeletions(observed);
  const active = observed.jobs.filter((j) => j.state === 'Active' && !j.deleting);
  const handled: Handled = {};
  let createJob: RunRequest | undefined;
  let replaced: string[] = [];

  const blocker = firstBlocker(ctx);
  if (!blocker) {
    const due = dueRuns(ctx);
    for (const d of due) {
      Object.assign(handled, d.handled);
      events.push(...d.events);
    }
    const run = due.find((d) => d.run)?.run;
    if (run && active.length > 0 && spec.concurrencyPolicy === 'Forbid') {
      events.push({
        type: 'Normal',
        reason: 'JobAlreadyActive',
        message: `Not starting a ${run.trigger} run while ${names(active)} is still running (concurrencyPolicy Forbid)`,
      });
    } else if (run) {
      if (active.length > 0 && spec.concurrencyPolicy === 'Replace') {
        replaced = active.map((j) => j.name);
        deleteJobs.push(...replaced.map((name) => ({ name, why: 'Replaced' as const })));
        events.push({
          type: 'Normal',
          reason: 'JobReplaced',
          message: `Deleting ${names(active)} to start ${run.name} (concurrencyPolicy Replace)`,
        });
      }
      createJob = run;
      // Runs due at the same moment (a manual request as the schedule fires) collapse into this one.
      for (const other of due.map((d) => d.run).filter((r) => r && r !== run))
        Object.assign(handled, satisfied(other));
      events.push({
        type: 'Normal',
        reason: 'JobCreated',
        message: `Created Job ${run.name} (${describeRun(run)})`,
      });
    }
  }

  const {
    status,
    events: statusEvents,
    nextScheduleTime,
  } = buildSyncJobStatus(ctx, {
    blocker,
    createJob,
    handled,
    active: active.filter((j) => !replaced.includes(j.name)),
  });
  events.push(...statusEvents);
  return {
    status,
    createJob,
    deleteJobs,
    requeueAfterMs: requeueAfter(blocker?.requeueAfterMs, nextScheduleTime, now),
    events,
  };
}

/** Finished Jobs beyond the history limits, oldest first; Jobs already being deleted are left alone. */
export function historyLimitDeletions(observed: ObservedSyncJob): SyncJobPlan['deleteJobs'] {
  const { successfulJobsHistoryLimit, failedJobsHistoryLimit } = observed.syncJob.spec;
  const finished = (state: ObservedJob['state']) =>
    observed.jobs
      .filter((j) => j.state === state && !j.deleting)
      .sort((a, b) => finishTime(b) - finishTime(a));
  return [
    ...finished('Succeeded').slice(successfulJobsHistoryLimit),
    ...finished('Failed').slice(failedJobsHistoryLimit),
  ]
    .sort((a, b) => finishTime(a) - finishTime(b))
    .map((j) => ({ name: j.name, why: 'HistoryLimit' as const }));
}

function finishTime(job: ObservedJob): number {
  return (job.completionTime ?? job.createdAt).getTime();
}

function satisfied(run: RunRequest | undefined): Handled {
  if (run?.trigger === 'Schedule') return { scheduledTime: run.scheduledTime };
  if (run?.trigger === 'Manual') return { requestedAt: run.requestedAt };
  return run ? { generation: run.generation } : {};
}

function names(jobs: ObservedJob[]): string {
  return jobs.map((j) => j.name).join(', ');
}

function describeRun(run: RunRequest): string {
  if (run.trigger === 'Schedule') return `scheduled for ${run.scheduledTime?.toISOString()}`;
  if (run.trigger === 'Manual') return `requested at ${run.requestedAt}`;
  return `spec generation ${run.generation}`;
}

// CronJob adds a little slack so the requeue lands after the schedule time, not just before it.
const SCHEDULE_SLACK_MS = 100;

function requeueAfter(blockerMs: number | undefined, next: Date | undefined, now: Date): number | undefined {
  const candidates = [
    blockerMs,
    next ? next.getTime() - now.getTime() + SCHEDULE_SLACK_MS : undefined,
  ].filter((ms): ms is number => ms !== undefined);
  return candidates.length > 0 ? Math.max(0, Math.min(...candidates)) : undefined;
}
