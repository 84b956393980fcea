/**
 * The judge of the kill test must itself catch what it is there to catch:
 * duplicates, missed runs, extra runs and status that disagrees with the Jobs.
 */
import type { V1Job } from '@kubernetes/client-node';
import { describe, expect, test } from 'vitest';
import {
  REQUESTED_AT_HANDLED_ANNOTATION,
  SCHEDULED_TIME_ANNOTATION,
  TRIGGER_ANNOTATION,
} from '../../src/api/index.js';
import { checkSyncJobRuns, type ObservedSyncJobForOracle } from './support/run-oracle.js';

const created = new Date('2026-11-28T10:00:30Z');
const window = {
  handledUntil: new Date('2026-11-28T10:03:00Z'),
  stoppedAt: new Date('2026-11-28T10:03:00Z'),
};
const minutes = ['2026-11-28T10:01:00Z', '2026-11-28T10:02:00Z', '2026-11-28T10:03:00Z'];

function job(name: string, annotations: Record<string, string>, finished = false): V1Job {
  return {
    metadata: { name, annotations },
    status: finished ? { conditions: [{ type: 'Complete', status: 'True' }] } : {},
  };
}
const scheduled = (t: string, suffix = '') =>
  job(`sj-${t}${suffix}`, { [TRIGGER_ANNOTATION]: 'Schedule', [SCHEDULED_TIME_ANNOTATION]: t });

function syncJob(
  policy: ObservedSyncJobForOracle['concurrencyPolicy'],
  active: string[],
  last?: string,
): ObservedSyncJobForOracle {
  return {
    name: 'sj',
    createdAt: created,
    schedule: '* * * * *',
    concurrencyPolicy: policy,
    status: { active: active.map((name) => ({ name })), lastScheduleTime: last },
    requested: [],
  };
}

describe('run oracle', () => {
  const allJobs = minutes.map((t) => scheduled(t));
  const allNames = allJobs.map((j) => j.metadata!.name!);

  test('accepts one Job per due time with a matching status', () => {
    expect(checkSyncJobRuns(syncJob('Allow', allNames, minutes[2]), allJobs, window)).toEqual([]);
  });

  test('reports a duplicate, a missed time and a stale lastScheduleTime', () => {
    const jobs = [scheduled(minutes[0]!), scheduled(minutes[0]!, '-again'), scheduled(minutes[2]!)];
    const problems = checkSyncJobRuns(
      syncJob(
        'Allow',
        jobs.map((j) => j.metadata!.name!),
        minutes[1],
      ),
      jobs,
      window,
    );
    expect(problems.join('\n')).toMatch(/two Jobs for scheduled time 2026-11-28T10:01:00/);
    expect(problems.join('\n')).toMatch(/no Job for scheduled time 2026-11-28T10:02:00/);
    expect(problems.join('\n')).toMatch(/lastScheduleTime/);
  });

  test('a time may be skipped only while no operator process lived until the next one', () => {
    const jobs = [scheduled(minutes[1]!), scheduled(minutes[2]!)];
    const sj = syncJob(
      'Allow',
      jobs.map((j) => j.metadata!.name!),
      minutes[2],
    );
    const down = { ...window, upThroughout: () => false };
    expect(checkSyncJobRuns(sj, jobs, down)).toEqual([]);
    expect(checkSyncJobRuns(sj, jobs, window).join('\n')).toMatch(
      /no Job for scheduled time 2026-11-28T10:01:00/,
    );
  });

  test('Forbid allows only the first run while it is active; status.active must list it', () => {
    expect(
      checkSyncJobRuns(syncJob('Forbid', allNames.slice(0, 1), minutes[0]), allJobs.slice(0, 1), window),
    ).toEqual([]);
    expect(checkSyncJobRuns(syncJob('Forbid', allNames, minutes[2]), allJobs, window).join('\n')).toMatch(
      /unexpected Job for scheduled time 2026-11-28T10:02:00/,
    );
    expect(
      checkSyncJobRuns(syncJob('Forbid', [], minutes[0]), allJobs.slice(0, 1), window).join('\n'),
    ).toMatch(/status.active/);
  });

  test('a finished Job is not active; each requested-at value needs exactly one Job', () => {
    const jobs = [
      job('m1', { [TRIGGER_ANNOTATION]: 'Manual', [REQUESTED_AT_HANDLED_ANNOTATION]: 'r1' }, true),
    ];
    const manual: ObservedSyncJobForOracle = {
      ...syncJob('Allow', ['m1'], undefined),
      schedule: undefined,
      requested: ['r1', 'r2'],
      status: { active: [{ name: 'm1' }], lastHandledRequestedAt: 'r2' },
    };
    const text = checkSyncJobRuns(manual, jobs, window).join('\n');
    expect(text).toMatch(/no Job for requested-at r2/);
    expect(text).toMatch(/status.active \[m1\] but active Jobs \[\]/);
    expect(text).toMatch(/0 spec-change Jobs/);
  });
});
