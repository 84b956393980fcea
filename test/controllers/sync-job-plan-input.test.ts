import type { V1Job } from '@kubernetes/client-node';
import { describe, expect, test } from 'vitest';
import { observeJob, parseRunReport } from '../../src/controllers/sync-job-plan-input.js';

const base: V1Job = {
  metadata: {
    name: 'acme-29412600',
    uid: 'job-uid',
    creationTimestamp: '2026-11-28T10:00:01Z' as unknown as Date,
    annotations: {
      'pipedrive.sync.dev/trigger': 'Schedule',
      'pipedrive.sync.dev/scheduled-time': '2026-11-28T10:00:00Z',
      'pipedrive.sync.dev/generation': '4',
    },
  },
  status: { startTime: '2026-11-28T10:00:02Z' as unknown as Date },
};

describe('observeJob', () => {
  test('reads a running Job from its annotations (timestamps as the watch delivers them: strings)', () => {
    expect(observeJob(base)).toMatchObject({
      name: 'acme-29412600',
      uid: 'job-uid',
      trigger: 'Schedule',
      generation: 4,
      scheduledTime: new Date('2026-11-28T10:00:00Z'),
      createdAt: new Date('2026-11-28T10:00:01Z'),
      startTime: new Date('2026-11-28T10:00:02Z'),
      state: 'Active',
      deleting: false,
    });
  });

  test('a Complete Job with a report is Succeeded with the report', () => {
    const job: V1Job = {
      ...base,
      status: {
        ...base.status,
        completionTime: new Date('2026-11-28T10:01:00Z'),
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    };
    const observed = observeJob(job, JSON.stringify({ result: 'succeeded', rowsWritten: 5, tables: [] }));
    expect(observed.state).toBe('Succeeded');
    expect(observed.completionTime).toEqual(new Date('2026-11-28T10:01:00Z'));
    expect(observed.report?.rowsWritten).toBe(5);
  });

  test('a Failed Job carries the failure message and finishes when it failed', () => {
    const job: V1Job = {
      ...base,
      status: {
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            message: 'Pod failed with exit code 2',
            lastTransitionTime: '2026-11-28T10:00:30Z' as unknown as Date,
          },
        ],
      },
    };
    expect(observeJob(job)).toMatchObject({
      state: 'Failed',
      failureMessage: 'Pod failed with exit code 2',
      completionTime: new Date('2026-11-28T10:00:30Z'),
    });
  });
});

describe('parseRunReport', () => {
  test.each([
    ['not JSON', 'Error: boom'],
    ['JSON without a result', '{"rows": 3}'],
    ['empty', ''],
  ])('ignores a termination message that is %s', (_what, message) => {
    expect(parseRunReport(message)).toBeUndefined();
  });
});
