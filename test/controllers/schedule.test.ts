import { describe, expect, test } from 'vitest';
import { dueTime, parseSchedule, type Schedule } from '../../src/controllers/schedule.js';
import {
  scheduledJobName,
  manualJobName,
  specChangeJobName,
} from '../../src/controllers/job-template-names.js';

function schedule(expression: string, timeZone?: string): Schedule {
  const parsed = parseSchedule(expression, timeZone);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.schedule;
}
const d = (iso: string) => new Date(iso);

describe('parseSchedule', () => {
  test.each([
    ['*/30 * * * *', 'UTC', true],
    ['@hourly', 'UTC', true],
    ['@midnight', 'Europe/Berlin', true],
    ['0 2 * * 1-5', 'America/New_York', true],
    ['61 * * * *', 'UTC', false],
    ['* * * *', 'UTC', false],
    ['0 * * * * *', 'UTC', false],
    ['0 0 30 2 *', 'UTC', false],
  ])('%s in %s is valid: %s', (expression, zone, valid) => {
    expect(parseSchedule(expression, zone).ok).toBe(valid);
  });

  test('an unknown time zone is InvalidTimeZone, not InvalidSchedule', () => {
    expect(parseSchedule('* * * * *', 'Mars/Olympus')).toMatchObject({
      ok: false,
      reason: 'InvalidTimeZone',
    });
  });

  test('a bad expression is InvalidSchedule with the expression in the message', () => {
    expect(parseSchedule('61 * * * *')).toMatchObject({
      ok: false,
      reason: 'InvalidSchedule',
      message: expect.stringContaining('61 * * * *'),
    });
  });
});

describe('next schedule time', () => {
  test.each([
    ['*/30 * * * *', 'UTC', '2026-11-28T10:05:00Z', '2026-11-28T10:30:00Z'],
    ['0 2 * * *', 'Europe/Berlin', '2026-11-28T10:00:00Z', '2026-11-29T01:00:00Z'],
    ['0 2 * * *', 'America/New_York', '2026-11-28T10:00:00Z', '2026-11-29T07:00:00Z'],
    ['@midnight', 'UTC', '2026-11-28T10:00:00Z', '2026-11-29T00:00:00Z'],
    ['*/30 * * * *', 'UTC', '2026-11-28T10:30:00Z', '2026-11-28T11:00:00Z'],
  ])('%s in %s after %s is %s', (expression, zone, after, next) => {
    expect(schedule(expression, zone).next(d(after)).toISOString()).toBe(d(next).toISOString());
  });

  test('a 02:30 Berlin schedule on the spring-forward day runs once, after the gap', () => {
    const next = schedule('30 2 * * *', 'Europe/Berlin').next(d('2026-03-28T12:00:00Z'));
    expect(next.getTime()).toBeGreaterThan(d('2026-03-29T00:00:00Z').getTime());
    expect(next.getTime()).toBeLessThanOrEqual(d('2026-03-29T01:30:00Z').getTime());
  });
});

describe('dueTime (CronJob missed-run semantics)', () => {
  const every30 = schedule('*/30 * * * *');
  test.each([
    [
      'nothing is due before the first schedule time',
      { createdAt: d('2026-11-28T10:01:00Z') },
      '2026-11-28T10:20:00Z',
      undefined,
      0,
    ],
    [
      'the first time after creation is due',
      { createdAt: d('2026-11-28T10:01:00Z') },
      '2026-11-28T10:30:05Z',
      '2026-11-28T10:30:00Z',
      1,
    ],
    [
      'a time exactly now is due',
      { createdAt: d('2026-11-28T10:01:00Z') },
      '2026-11-28T10:30:00Z',
      '2026-11-28T10:30:00Z',
      1,
    ],
    [
      'only the most recent of several missed times runs',
      { createdAt: d('2026-11-28T08:01:00Z') },
      '2026-11-28T10:10:00Z',
      '2026-11-28T10:00:00Z',
      4,
    ],
    [
      'the last schedule time is not due again',
      { lastScheduleTime: d('2026-11-28T10:00:00Z'), createdAt: d('2026-11-01T00:00:00Z') },
      '2026-11-28T10:29:00Z',
      undefined,
      0,
    ],
    [
      'startingDeadlineSeconds narrows the window to recent times',
      {
        lastScheduleTime: d('2026-11-28T08:00:00Z'),
        createdAt: d('2026-11-01T00:00:00Z'),
        startingDeadlineSeconds: 300,
      },
      '2026-11-28T10:10:00Z',
      undefined,
      0,
    ],
    [
      'a time within startingDeadlineSeconds is still due',
      {
        lastScheduleTime: d('2026-11-28T08:00:00Z'),
        createdAt: d('2026-11-01T00:00:00Z'),
        startingDeadlineSeconds: 900,
      },
      '2026-11-28T10:10:00Z',
      '2026-11-28T10:00:00Z',
      1,
    ],
  ])('%s', (_name, window, now, mostRecent, missed) => {
    const due = dueTime(every30, window, d(now));
    expect(due.mostRecent?.toISOString()).toBe(mostRecent ? d(mostRecent).toISOString() : undefined);
    expect(due.missed).toBe(missed);
    expect(due.tooManyMissed).toBe(false);
  });

  test('more than 100 missed times are flagged and the most recent one is still due', () => {
    const due = dueTime(
      schedule('* * * * *'),
      { createdAt: d('2026-11-01T00:00:00Z') },
      d('2026-11-28T10:10:30Z'),
    );
    expect(due.tooManyMissed).toBe(true);
    expect(due.mostRecent?.toISOString()).toBe('2026-11-28T10:10:00.000Z');
  });
});

describe('Job names', () => {
  test('a scheduled run is named after the minutes since the epoch of its schedule time', () => {
    expect(scheduledJobName('acme', d('2026-11-28T10:00:00Z'))).toBe(
      `acme-${Date.parse('2026-11-28T10:00:00Z') / 60000}`,
    );
  });
  test('names are deterministic and differ per request and per generation', () => {
    expect(manualJobName('acme', 'a')).toBe(manualJobName('acme', 'a'));
    expect(manualJobName('acme', 'a')).not.toBe(manualJobName('acme', 'b'));
    expect(specChangeJobName('acme', 'u', 1)).not.toBe(specChangeJobName('acme', 'u', 2));
  });
  test.each([
    ['scheduled', scheduledJobName('x'.repeat(52), d('2099-12-31T23:59:00Z'))],
    ['manual', manualJobName('x'.repeat(52), 'now')],
    ['spec change', specChangeJobName('x'.repeat(52), 'uid', 99)],
  ])('a %s run of a 52-character SyncJob fits in 63 characters', (_kind, name) => {
    expect(name.length).toBeLessThanOrEqual(63);
  });
});
