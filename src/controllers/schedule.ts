/**
 * Schedule maths with CronJob semantics (pure: `now` is always an argument).
 * A schedule is parsed once per reconcile; the plan then asks which schedule
 * time is due (the most recent unmet one) and when the next one comes.
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';

/** CronJob's limit: more unmet times than this since the last run means the controller was away long. */
export const MAX_MISSED_TIMES = 100;

export interface Schedule {
  readonly expression: string;
  readonly timeZone: string;
  /** The first schedule time strictly after `after`. */
  next(after: Date): Date;
  /** The last schedule time at or before `atOrBefore`. */
  latest(atOrBefore: Date): Date;
  /** Schedule times in (after, until], at most `limit` of them, from one iterator. */
  between(after: Date, until: Date, limit: number): Date[];
}

export type ParsedSchedule =
  | { ok: true; schedule: Schedule }
  | { ok: false; reason: 'InvalidSchedule' | 'InvalidTimeZone'; message: string };

// cron-parser knows @daily but not @midnight; CronJob knows both.
const ALIASES: Record<string, string> = { '@midnight': '@daily' };
const DESCRIPTORS = new Set([
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
]);

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Every reconcile parses its SyncJob's schedule; hundreds of SyncJobs share a handful of schedules.
const parsed = new Map<string, ParsedSchedule>();
const MAX_CACHED = 1000;

/** Parses a 5-field cron expression or an @descriptor in an IANA time zone (default UTC). */
export function parseSchedule(expression: string, timeZone = 'UTC'): ParsedSchedule {
  const key = `${timeZone}\u0000${expression}`;
  let result = parsed.get(key);
  if (!result) {
    if (parsed.size >= MAX_CACHED) parsed.clear();
    result = parseUncached(expression, timeZone);
    parsed.set(key, result);
  }
  return result;
}

function parseUncached(expression: string, timeZone: string): ParsedSchedule {
  if (!isValidTimeZone(timeZone)) {
    return {
      ok: false,
      reason: 'InvalidTimeZone',
      message: `Time zone '${timeZone}' is not an IANA time zone name`,
    };
  }
  const trimmed = expression.trim();
  const isDescriptor = DESCRIPTORS.has(trimmed);
  if (!isDescriptor && trimmed.split(/\s+/).length !== 5) {
    return {
      ok: false,
      reason: 'InvalidSchedule',
      message: `Schedule '${expression}' must have 5 fields (minute hour day-of-month month day-of-week) or be an @descriptor`,
    };
  }
  const source = ALIASES[trimmed] ?? trimmed;
  let probe: CronExpression;
  try {
    probe = CronExpressionParser.parse(source, { tz: timeZone, currentDate: new Date(0) });
    probe.next();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: 'InvalidSchedule',
      message: `Schedule '${expression}' is not valid: ${detail}`,
    };
  }
  // One parsed iterator per schedule, rewound for each question (parsing costs more than iterating).
  const from = (start: Date): CronExpression => {
    probe.reset(start);
    return probe;
  };
  return {
    ok: true,
    schedule: {
      expression,
      timeZone,
      next: (after) => from(after).next().toDate(),
      between: (after, until, limit) => {
        const iterator = from(after);
        const times: Date[] = [];
        for (
          let t = iterator.next().toDate();
          t <= until && times.length < limit;
          t = iterator.next().toDate()
        ) {
          times.push(t);
        }
        return times;
      },
      latest: (atOrBefore) =>
        from(new Date(atOrBefore.getTime() + 1))
          .prev()
          .toDate(),
    },
  };
}

export interface DueTime {
  /** The most recent schedule time in (earliest, now], if any. */
  mostRecent?: Date;
  /** Unmet schedule times in that window, counted up to MAX_MISSED_TIMES + 1. */
  missed: number;
  /** True when more than MAX_MISSED_TIMES were missed; only the most recent runs. */
  tooManyMissed: boolean;
}

/**
 * CronJob's `mostRecentScheduleTime`: unmet times since `lastScheduleTime`
 * (or the object's creation), narrowed by `startingDeadlineSeconds`.
 */
export function dueTime(
  schedule: Schedule,
  window: { lastScheduleTime?: Date; createdAt: Date; startingDeadlineSeconds?: number },
  now: Date,
): DueTime {
  let earliest = window.lastScheduleTime ?? window.createdAt;
  if (window.startingDeadlineSeconds !== undefined) {
    const deadlineStart = new Date(now.getTime() - window.startingDeadlineSeconds * 1000);
    if (deadlineStart > earliest) earliest = deadlineStart;
  }
  const times = schedule.between(earliest, now, MAX_MISSED_TIMES + 1);
  const missed = times.length;
  if (missed > MAX_MISSED_TIMES) return { mostRecent: schedule.latest(now), missed, tooManyMissed: true };
  const mostRecent = times[times.length - 1];
  return { mostRecent, missed, tooManyMissed: false };
}
