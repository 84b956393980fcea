/**
 * What the Jobs of one SyncJob must look like after the operator was killed
 * again and again, judged from the objects alone (pure, so it has its own test):
 * - no two Jobs for one scheduled time, one requested-at value or one generation;
 * - every schedule time the policies allow has its Job: Allow runs each time,
 *   Forbid only the first (no Job here ever finishes), Replace keeps only the
 *   newest; times after `handledUntil` and up to `stoppedAt` may or may not have run;
 * - every requested-at value the test set has exactly one Job;
 * - status.active names exactly the active Jobs, lastScheduleTime is the newest
 *   Job's scheduled time, lastHandledRequestedAt the last value set.
 */
import type { V1Job } from '@kubernetes/client-node';
import {
  GENERATION_ANNOTATION,
  REQUESTED_AT_HANDLED_ANNOTATION,
  SCHEDULED_TIME_ANNOTATION,
  TRIGGER_ANNOTATION,
} from '../../../src/api/index.js';
import { parseSchedule } from '../../../src/controllers/schedule.js';

export interface ObservedSyncJobForOracle {
  name: string;
  createdAt: Date;
  schedule?: string;
  concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  status?: { active?: { name: string }[]; lastScheduleTime?: string; lastHandledRequestedAt?: string };
  /** requested-at values the test set, in order; each must have been handled by exactly one Job. */
  requested: string[];
}

export interface OracleWindow {
  /** The operator had handled every schedule time up to here (it was seen in every status). */
  handledUntil: Date;
  /** The operator was stopped here: times in (handledUntil, stoppedAt] are optional. */
  stoppedAt: Date;
  /**
   * Whether one operator process reconciled throughout [from, to). CronJob semantics run only the
   * most recent of several missed times, so a time may lack its Job only when no process lived from
   * it to the next one. Default: always (every time must have run).
   */
  upThroughout?: (from: Date, to: Date) => boolean;
}

const isActive = (job: V1Job) =>
  !job.metadata?.deletionTimestamp &&
  !(job.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

const iso = (ms: number) => new Date(ms).toISOString();

export function checkSyncJobRuns(
  sj: ObservedSyncJobForOracle,
  jobs: V1Job[],
  window: OracleWindow,
): string[] {
  const problems: string[] = [];
  const say = (text: string) => problems.push(`${sj.name}: ${text}`);
  const live = jobs.filter((j) => !j.metadata?.deletionTimestamp);
  const annotation = (j: V1Job, key: string) => j.metadata?.annotations?.[key];
  const byTrigger = (t: string) => live.filter((j) => annotation(j, TRIGGER_ANNOTATION) === t);

  const scheduled = byTrigger('Schedule').map((j) =>
    new Date(annotation(j, SCHEDULED_TIME_ANNOTATION) ?? 0).getTime(),
  );
  const manual = byTrigger('Manual').map((j) => annotation(j, REQUESTED_AT_HANDLED_ANNOTATION) ?? '');
  const specChange = byTrigger('SpecChange').map((j) => annotation(j, GENERATION_ANNOTATION) ?? '');
  for (const t of duplicates(scheduled.map(iso))) say(`two Jobs for scheduled time ${t}`);
  for (const v of duplicates(manual)) say(`two Jobs for requested-at ${v}`);
  for (const g of duplicates(specChange)) say(`two Jobs for generation ${g}`);

  if (sj.schedule) {
    const parsed = parseSchedule(sj.schedule);
    if (!parsed.ok) throw new Error(parsed.message);
    const due = parsed.schedule.between(sj.createdAt, window.handledUntil, 1000).map((d) => d.getTime());
    const optional = new Set(
      parsed.schedule.between(window.handledUntil, window.stoppedAt, 1000).map((d) => d.getTime()),
    );
    const got = new Set(scheduled);
    const upThroughout = window.upThroughout ?? (() => true);
    // A time must have run unless a later one was due before any process could look (the last always).
    const mustRun = (i: number) =>
      i === due.length - 1 || upThroughout(new Date(due[i]!), new Date(due[i + 1]!));
    const firstRun = due.findIndex((t, i) => got.has(t) || mustRun(i));
    const expected =
      sj.concurrencyPolicy === 'Allow'
        ? due.filter((t, i) => got.has(t) || mustRun(i))
        : sj.concurrencyPolicy === 'Forbid'
          ? due.slice(firstRun, firstRun + 1)
          : due.slice(-1);
    for (const t of expected)
      if (!got.has(t)) say(`no Job for scheduled time ${iso(t)} (${sj.concurrencyPolicy})`);
    const allowed = new Set([...expected, ...(sj.concurrencyPolicy === 'Forbid' ? [] : optional)]);
    for (const t of got)
      if (!allowed.has(t)) say(`unexpected Job for scheduled time ${iso(t)} (${sj.concurrencyPolicy})`);
    const newest = scheduled.length > 0 ? Math.max(...scheduled) : undefined;
    const last = sj.status?.lastScheduleTime ? new Date(sj.status.lastScheduleTime).getTime() : undefined;
    if (newest !== last)
      say(
        `status.lastScheduleTime ${sj.status?.lastScheduleTime} is not the newest Job's ${newest ? iso(newest) : '-'}`,
      );
  }

  for (const value of sj.requested) if (!manual.includes(value)) say(`no Job for requested-at ${value}`);
  for (const value of manual)
    if (!sj.requested.includes(value)) say(`a Job for unknown requested-at ${value}`);
  if (sj.requested.length > 0 && sj.status?.lastHandledRequestedAt !== sj.requested.at(-1))
    say(`status.lastHandledRequestedAt ${sj.status?.lastHandledRequestedAt} is not ${sj.requested.at(-1)}`);
  if (!sj.schedule && specChange.length !== 1) say(`${specChange.length} spec-change Jobs instead of 1`);

  const activeJobs = live
    .filter(isActive)
    .map((j) => j.metadata?.name ?? '')
    .sort();
  const statusActive = (sj.status?.active ?? []).map((a) => a.name).sort();
  if (JSON.stringify(activeJobs) !== JSON.stringify(statusActive))
    say(`status.active [${statusActive.join(', ')}] but active Jobs [${activeJobs.join(', ')}]`);
  return problems;
}
