/**
 * The SyncJob status a plan writes: rebuilt from the Jobs that exist (so a lost
 * status write heals itself), falling back to the previous status only for
 * facts no Job holds any more (a run deleted by the history limit).
 */
import { READY, STALLED, type LastRun, type SyncJobStatus, type TableStatus } from '../api/index.js';
import { formatTime, removeCondition, setCondition } from './conditions.js';
import type { Blocker, PlanContext } from './sync-job-plan-checks.js';
import type { ObservedJob } from './sync-job-plan-input.js';
import { toDate, type PlannedEvent, type RunRequest } from './sync-job-plan-runs.js';

export interface Handled {
  scheduledTime?: Date;
  requestedAt?: string;
  generation?: number;
}

export interface Decisions {
  blocker: Blocker | undefined;
  createJob: RunRequest | undefined;
  handled: Handled;
  /** Active Jobs that keep running after this plan. */
  active: ObservedJob[];
}

export function buildSyncJobStatus(
  ctx: PlanContext,
  decided: Decisions,
): { status: SyncJobStatus; events: PlannedEvent[]; nextScheduleTime?: Date } {
  const { observed, now, schedule } = ctx;
  const { syncJob, jobs } = observed;
  const previous = syncJob.status ?? {};
  const { createJob, handled, blocker } = decided;
  const generation = syncJob.metadata.generation ?? 0;

  const active = decided.active.map((j) => ({ name: j.name, ...(j.uid ? { uid: j.uid } : {}) }));
  if (createJob) active.push({ name: createJob.name });

  const scheduleTimes = [
    toDate(previous.lastScheduleTime),
    createJob?.scheduledTime,
    handled.scheduledTime,
    ...jobs.filter((j) => j.trigger === 'Schedule').map((j) => j.scheduledTime),
  ];
  const successTimes = [
    toDate(previous.lastSuccessfulTime),
    ...jobs.filter((j) => j.state === 'Succeeded').map((j) => j.completionTime),
  ];
  const lastRun = createJob ? runningRun(createJob) : latestRun(jobs, previous.lastRun);
  const nextScheduleTime = schedule?.ok && !syncJob.spec.suspend ? schedule.schedule.next(now) : undefined;

  const status: SyncJobStatus = {
    ...previous,
    observedGeneration: generation,
    active,
    lastScheduleTime: latest(scheduleTimes),
    lastSuccessfulTime: latest(successTimes),
    nextScheduleTime: nextScheduleTime ? formatTime(nextScheduleTime) : undefined,
    lastRun,
    tables: tablesFrom(jobs, lastRun, previous.tables),
    lastHandledRequestedAt: createJob?.requestedAt ?? handled.requestedAt ?? previous.lastHandledRequestedAt,
    lastHandledGeneration:
      (createJob?.trigger === 'SpecChange' ? createJob.generation : handled.generation) ??
      previous.lastHandledGeneration,
  };
  const ready = readyCondition(blocker, active.length > 0, lastRun, nextScheduleTime, ctx);
  let conditions = setCondition(
    previous.conditions,
    { type: READY, observedGeneration: generation, ...ready },
    now,
  );
  conditions = blocker?.stalled
    ? setCondition(
        conditions,
        {
          type: STALLED,
          status: 'True',
          reason: blocker.reason,
          message: blocker.message,
          observedGeneration: generation,
        },
        now,
      )
    : removeCondition(conditions, STALLED);
  status.conditions = conditions;
  return { status: withoutUndefined(status), events: runEvents(previous.lastRun, lastRun), nextScheduleTime };
}

function readyCondition(
  blocker: Blocker | undefined,
  running: boolean,
  lastRun: LastRun | undefined,
  next: Date | undefined,
  { observed }: PlanContext,
): { status: 'True' | 'False'; reason: string; message: string } {
  if (blocker)
    return { status: blocker.ready ? 'True' : 'False', reason: blocker.reason, message: blocker.message };
  if (running)
    return { status: 'True', reason: 'Running', message: `Running Job ${lastRun?.jobName ?? ''}`.trim() };
  if (lastRun?.result === 'Failed') {
    return {
      status: 'False',
      reason: 'LastRunFailed',
      message: `Job ${lastRun.jobName} failed: ${lastRun.message ?? 'no report'}`,
    };
  }
  if (next) {
    const zone = observed.syncJob.spec.timeZone ?? 'UTC';
    const local = localTime(next, zone);
    return { status: 'True', reason: 'Scheduled', message: `Next run at ${local} ${zone}` };
  }
  if (lastRun?.result === 'Succeeded') {
    return {
      status: 'True',
      reason: 'Succeeded',
      message: `Job ${lastRun.jobName} succeeded; the next run starts on a spec change or a manual request`,
    };
  }
  return { status: 'True', reason: 'Scheduled', message: 'Runs once per spec change or manual request' };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-28 11:30:00` in the zone; formatters are cached because building one is costly. */
function localTime(time: Date, zone: string): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' });
    formats.set(zone, format);
  }
  return format.format(time);
}

function runningRun(run: RunRequest): LastRun {
  return {
    jobName: run.name,
    trigger: run.trigger,
    ...(run.scheduledTime ? { scheduledTime: formatTime(run.scheduledTime) } : {}),
    result: 'Running',
  };
}

/** The newest Job's run, unless the previous status describes a newer run whose Job is gone. */
function latestRun(jobs: ObservedJob[], previous: LastRun | undefined): LastRun | undefined {
  const newest = [...jobs].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!newest) return previous;
  const previousGone = previous !== undefined && !jobs.some((j) => j.name === previous.jobName);
  if (previousGone && newest.state !== 'Active') return previous;
  return runOf(newest);
}

export function runOf(job: ObservedJob): LastRun {
  const report = job.report;
  const run: LastRun = {
    jobName: job.name,
    trigger: job.trigger,
    scheduledTime: job.scheduledTime ? formatTime(job.scheduledTime) : undefined,
    startTime: job.startTime ? formatTime(job.startTime) : undefined,
    completionTime: job.completionTime ? formatTime(job.completionTime) : undefined,
    result: job.state === 'Active' ? 'Running' : job.state,
    rowsSynced: report?.rowsWritten,
    rowsDeleted: report?.rowsDeleted,
    apiTokensSpent: report?.tokens,
    message: (report?.message ?? job.failureMessage)?.slice(0, 1024),
  };
  return withoutUndefined(run);
}

function tablesFrom(
  jobs: ObservedJob[],
  lastRun: LastRun | undefined,
  previous: TableStatus[] | undefined,
): TableStatus[] | undefined {
  const job = jobs.find((j) => j.name === lastRun?.jobName);
  const reported = job?.report?.tables;
  if (!job || !reported) return previous;
  const byName = new Map((previous ?? []).map((t) => [t.name, t]));
  const syncedAt = job.completionTime ? formatTime(job.completionTime) : undefined;
  for (const table of reported) {
    const ok = table.result !== 'failed';
    byName.set(
      table.name,
      withoutUndefined({
        ...byName.get(table.name),
        name: table.name,
        lastRunRows: table.rowsWritten,
        bookmark: table.bookmark ?? byName.get(table.name)?.bookmark,
        lastSyncedTime: ok ? syncedAt : byName.get(table.name)?.lastSyncedTime,
      }),
    );
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)).slice(0, 100);
}

function runEvents(previous: LastRun | undefined, current: LastRun | undefined): PlannedEvent[] {
  if (!current || current.result === 'Running') return [];
  if (previous?.jobName === current.jobName && previous.result === current.result) return [];
  return current.result === 'Succeeded'
    ? [
        {
          type: 'Normal',
          reason: 'RunSucceeded',
          message: `Job ${current.jobName} succeeded: ${current.message ?? ''}`.trim(),
        },
      ]
    : [
        {
          type: 'Warning',
          reason: 'RunFailed',
          message: `Job ${current.jobName} failed: ${current.message ?? 'no report'}`,
        },
      ];
}

function latest(times: (Date | undefined)[]): string | undefined {
  const values = times.filter((t): t is Date => t !== undefined && !Number.isNaN(t.getTime()));
  if (values.length === 0) return undefined;
  return formatTime(new Date(Math.max(...values.map((t) => t.getTime()))));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
