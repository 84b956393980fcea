import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SyncJob } from '../../src/api/index.js';
import type { ObservedJob } from '../../src/controllers/sync-job-plan-input.js';
import { planSyncJob } from '../../src/controllers/sync-job-plan.js';
import { aSyncJob, observed } from './builders.js';

/** Acts on a plan the way the controller does, against an in-memory world. */
function act(world: { syncJob: SyncJob; jobs: ObservedJob[] }, now: Date): boolean {
  const plan = planSyncJob(observed({ syncJob: world.syncJob, jobs: world.jobs }), now);
  const deleted = new Set(plan.deleteJobs.map((d) => d.name));
  world.jobs = world.jobs.filter((j) => !deleted.has(j.name));
  if (plan.createJob) {
    const { name, trigger, scheduledTime, requestedAt, generation } = plan.createJob;
    world.jobs.push({
      name,
      trigger,
      scheduledTime,
      requestedAt,
      generation,
      createdAt: now,
      state: 'Active',
      deleting: false,
    });
  }
  world.syncJob = { ...world.syncJob, status: plan.status };
  return plan.createJob !== undefined;
}

describe('planSyncJob converges', () => {
  test('re-planning right after acting creates nothing, and no schedule time ever gets two Jobs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('*/5 * * * *', '0 * * * *', '*/15 9-17 * * 1-5', '@daily'),
        fc.constantFrom('Allow', 'Forbid', 'Replace'),
        fc.array(
          fc.record({
            advanceMinutes: fc.integer({ min: 0, max: 200 }),
            finish: fc.boolean(),
            request: fc.boolean(),
          }),
          { maxLength: 15 },
        ),
        (schedule, concurrencyPolicy, steps) => {
          const world = {
            syncJob: aSyncJob({ spec: { schedule, concurrencyPolicy } }),
            jobs: [] as ObservedJob[],
          };
          const created: string[] = [];
          let now = new Date('2026-11-28T09:00:00Z');
          steps.forEach((step, i) => {
            now = new Date(now.getTime() + step.advanceMinutes * 60_000);
            if (step.finish)
              world.jobs = world.jobs.map((j) => ({
                ...j,
                state: 'Succeeded' as const,
                completionTime: now,
              }));
            if (step.request) {
              world.syncJob = {
                ...world.syncJob,
                metadata: {
                  ...world.syncJob.metadata,
                  annotations: { 'pipedrive.sync.dev/requested-at': `r${i}` },
                },
              };
            }
            const before = world.jobs.length;
            if (act(world, now)) created.push(world.jobs[world.jobs.length - 1]!.name);
            expect(world.jobs.length).toBeLessThanOrEqual(before + 1);
            expect(act(world, now)).toBe(false);
          });
          expect(new Set(created).size).toBe(created.length);
        },
      ),
      { numRuns: 100 },
    );
  });
});
