import { z } from 'zod';
import { conditionListSchema } from './condition.js';
import { timestampSchema } from './references.js';
import { JOB_TRIGGERS } from './well-known.js';

export const RUN_RESULTS = ['Running', 'Succeeded', 'Failed'] as const;
export type RunResult = (typeof RUN_RESULTS)[number];

const count = (what: string) => z.int().min(0).optional().describe(what);

export const lastRunSchema = z
  .object({
    jobName: z.string().max(63).describe('Name of the Job of the run.'),
    trigger: z
      .enum(JOB_TRIGGERS)
      .optional()
      .describe('Why the run happened: Schedule, Manual or SpecChange.'),
    scheduledTime: timestampSchema
      .optional()
      .describe('The schedule time the run stands for (scheduled runs).'),
    startTime: timestampSchema.optional().describe('When the run started.'),
    completionTime: timestampSchema.optional().describe('When the run finished.'),
    result: z.enum(RUN_RESULTS).describe('Running, Succeeded or Failed.'),
    rowsSynced: count('Rows written (inserted or updated) by the run.'),
    rowsDeleted: count('Rows marked deleted by the run.'),
    apiTokensSpent: count('Pipedrive API tokens the run spent.'),
    message: z.string().max(1024).optional().describe('Summary of the run, or why it failed.'),
  })
  .describe('The most recent run.');
export type LastRun = z.infer<typeof lastRunSchema>;

export const tableStatusSchema = z
  .object({
    name: z.string().max(63).describe('Table name.'),
    rows: count('Rows in the destination table after the last run, when known.'),
    lastRunRows: count('Rows the last run wrote to this table.'),
    bookmark: z
      .string()
      .max(256)
      .optional()
      .describe('Bookmark reached (the truth lives in the destination).'),
    lastSyncedTime: timestampSchema.optional().describe('When the table was last synced successfully.'),
  })
  .describe('Progress of one table.');
export type TableStatus = z.infer<typeof tableStatusSchema>;

export const activeJobSchema = z
  .object({
    name: z.string().max(63).describe('Job name.'),
    uid: z.string().max(64).optional().describe('Job uid.'),
  })
  .describe('A running Job of this SyncJob.');
export type ActiveJob = z.infer<typeof activeJobSchema>;

export const syncJobStatusSchema = z
  .object({
    observedGeneration: z.int().min(0).optional().describe('The .metadata.generation this status describes.'),
    conditions: conditionListSchema.optional(),
    active: z
      .array(activeJobSchema)
      .max(100)
      .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] })
      .optional()
      .describe('Jobs of this SyncJob that are still running.'),
    lastScheduleTime: timestampSchema.optional().describe('The last schedule time a Job was created for.'),
    nextScheduleTime: timestampSchema.optional().describe('The next schedule time, when a schedule is set.'),
    lastSuccessfulTime: timestampSchema.optional().describe('When the last successful run finished.'),
    lastRun: lastRunSchema.optional(),
    tables: z
      .array(tableStatusSchema)
      .max(100)
      .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] })
      .optional()
      .describe('Progress per table, from the last run report.'),
    lastHandledRequestedAt: z
      .string()
      .max(256)
      .optional()
      .describe('The last pipedrive.sync.dev/requested-at annotation value a run was started for.'),
    lastHandledGeneration: z
      .int()
      .min(0)
      .optional()
      .describe('Unscheduled SyncJobs: the generation a run-on-change was started for.'),
  })
  .describe('Observed state of the SyncJob and its runs.');
export type SyncJobStatus = z.infer<typeof syncJobStatusSchema>;
