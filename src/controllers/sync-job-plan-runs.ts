/**
 * Which run is due, if any: a manual request first, then the most recent unmet
 * schedule time, then (SyncJobs without a schedule) the run of a new spec
 * generation. A run whose deterministic Job already exists counts as handled.
 */
import { REQUESTED_AT_ANNOTATION, type JobTrigger } from '../api/index.js';
import { manualJobName, scheduledJobName, specChangeJobName } from './job-template-names.js';
import { dueTime, MAX_MISSED_TIMES } from './schedule.js';
import type { PlanContext } from './sync-job-plan-checks.js';

/** A Job the plan wants created; `buildSyncJobJob` turns it into a batch/v1 Job. */
export interface RunRequest {
  name: string;
  trigger: JobTrigger;
  /** The SyncJob generation whose spec the run uses. */
  generation: number;
  scheduledTime?: Date;
  requestedAt?: string;
}

export interface PlannedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface DueRun {
  run?: RunRequest;
  /** Facts learnt on the way that the status records even when nothing is created. */
  handled: { scheduledTime?: Date; requestedAt?: string; generation?: number };
  events: PlannedEvent[];
}

export function manualRun({ observed }: PlanContext): DueRun | undefined {
  const { syncJob, jobs } = observed;
  const requestedAt = syncJob.metadata.annotations?.[REQUESTED_AT_ANNOTATION];
  if (!requestedAt || requestedAt === syncJob.status?.lastHandledRequestedAt) return undefined;
  const name = manualJobName(syncJob.metadata.name, requestedAt);
  if (jobs.some((j) => j.name === name || j.requestedAt === requestedAt)) {
    return { handled: { requestedAt }, events: [] };
  }
  const generation = syncJob.metadata.generation ?? 0;
  return { run: { name, trigger: 'Manual', generation, requestedAt }, handled: {}, events: [] };
}

export function scheduledRun({ observed, now, schedule }: PlanContext): DueRun | undefined {
  if (!schedule?.ok) return undefined;
  const { syncJob, jobs } = observed;
  const deadline = syncJob.spec.startingDeadlineSeconds;
  const last = syncJob.status?.lastScheduleTime;
  const due = dueTime(
    schedule.schedule,
    {
      lastScheduleTime: last ? new Date(last) : undefined,
      createdAt: toDate(syncJob.metadata.creationTimestamp) ?? now,
      startingDeadlineSeconds: deadline,
    },
    now,
  );
  const events: PlannedEvent[] = [];
  if (due.tooManyMissed) {
    events.push({
      type: 'Warning',
      reason: 'TooManyMissedTimes',
      message: `More than ${MAX_MISSED_TIMES} schedule times were missed; only the most recent runs. Set or lower spec.startingDeadlineSeconds, or check clock skew.`,
    });
  }
  const scheduledTime = due.mostRecent;
  if (!scheduledTime) return events.length > 0 ? { handled: {}, events } : undefined;
  if (deadline !== undefined && scheduledTime.getTime() + deadline * 1000 < now.getTime()) {
    events.push({
      type: 'Warning',
      reason: 'MissedSchedule',
      message: `Missed the run of ${scheduledTime.toISOString()}: it could not start within startingDeadlineSeconds (${deadline}s)`,
    });
    return { handled: {}, events };
  }
  const name = scheduledJobName(syncJob.metadata.name, scheduledTime);
  if (jobs.some((j) => j.name === name)) return { handled: { scheduledTime }, events };
  const generation = syncJob.metadata.generation ?? 0;
  return { run: { name, trigger: 'Schedule', generation, scheduledTime }, handled: {}, events };
}

export function specChangeRun({ observed, schedule }: PlanContext): DueRun | undefined {
  if (schedule) return undefined;
  const { syncJob, jobs } = observed;
  const generation = syncJob.metadata.generation ?? 0;
  if (syncJob.status?.lastHandledGeneration === generation) return undefined;
  const name = specChangeJobName(syncJob.metadata.name, syncJob.metadata.uid ?? '', generation);
  if (jobs.some((j) => j.name === name || (j.trigger === 'SpecChange' && j.generation === generation))) {
    return { handled: { generation }, events: [] };
  }
  return { run: { name, trigger: 'SpecChange', generation }, handled: {}, events: [] };
}

export function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value);
}

/** Runs in priority order; each source contributes what it handled even when another one runs. */
export function dueRuns(ctx: PlanContext): DueRun[] {
  return [manualRun(ctx), scheduledRun(ctx), specChangeRun(ctx)].filter((d): d is DueRun => d !== undefined);
}
