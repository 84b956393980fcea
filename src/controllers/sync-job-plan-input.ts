/**
 * What `planSyncJob` needs to know, gathered by the controller: the SyncJob,
 * its connection, its Jobs (already read into plain facts) and whether the
 * destination Secret exists. Also the pure readers that turn a batch/v1 Job and
 * a termination message into those facts.
 */
import type { V1Job } from '@kubernetes/client-node';
import { z } from 'zod';
import {
  GENERATION_ANNOTATION,
  JOB_TRIGGERS,
  REQUESTED_AT_HANDLED_ANNOTATION,
  SCHEDULED_TIME_ANNOTATION,
  TRIGGER_ANNOTATION,
  type JobTrigger,
  type PipedriveConnection,
  type SyncJob,
} from '../api/index.js';

/** The run report a sync pod leaves as its termination message (the fields the status uses). */
export const runReportSchema = z.looseObject({
  result: z.enum(['succeeded', 'failed', 'partial']),
  exitCode: z.int().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  tokens: z.number().optional(),
  rowsWritten: z.number().optional(),
  rowsDeleted: z.number().optional(),
  message: z.string().optional(),
  tables: z
    .array(
      z.looseObject({
        name: z.string(),
        result: z.enum(['succeeded', 'failed']).optional(),
        rowsWritten: z.number().optional(),
        bookmark: z.string().nullable().optional(),
      }),
    )
    .optional(),
});
export type ObservedRunReport = z.infer<typeof runReportSchema>;

/** Parses a termination message; undefined when it is not a run report (e.g. a crash's last words). */
export function parseRunReport(message: string | undefined): ObservedRunReport | undefined {
  if (!message) return undefined;
  try {
    const parsed = runReportSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type JobState = 'Active' | 'Succeeded' | 'Failed';

/** One Job of the SyncJob, as facts. */
export interface ObservedJob {
  name: string;
  uid?: string;
  trigger: JobTrigger;
  scheduledTime?: Date;
  /** The requested-at value a manual run answers. */
  requestedAt?: string;
  generation?: number;
  createdAt: Date;
  startTime?: Date;
  completionTime?: Date;
  state: JobState;
  /** Being deleted already (deletionTimestamp set). */
  deleting: boolean;
  report?: ObservedRunReport;
  /** The Job's Failed condition message, for runs that left no report. */
  failureMessage?: string;
}

/** Reads a Job the operator created into facts; `terminationMessage` comes from its last pod. */
export function observeJob(job: V1Job, terminationMessage?: string): ObservedJob {
  const annotations = job.metadata?.annotations ?? {};
  const conditions = job.status?.conditions ?? [];
  const finished = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  const trigger = annotations[TRIGGER_ANNOTATION];
  const scheduled = annotations[SCHEDULED_TIME_ANNOTATION];
  const generation = annotations[GENERATION_ANNOTATION];
  const completion = job.status?.completionTime ?? (failed ? failed.lastTransitionTime : undefined);
  return {
    name: job.metadata?.name ?? '',
    uid: job.metadata?.uid,
    trigger: (JOB_TRIGGERS as readonly string[]).includes(trigger ?? '')
      ? (trigger as JobTrigger)
      : 'Schedule',
    scheduledTime: scheduled ? new Date(scheduled) : undefined,
    requestedAt: annotations[REQUESTED_AT_HANDLED_ANNOTATION],
    generation: generation ? Number(generation) : undefined,
    createdAt: toDate(job.metadata?.creationTimestamp) ?? new Date(0),
    startTime: toDate(job.status?.startTime),
    completionTime: toDate(completion),
    state: finished('Complete') ? 'Succeeded' : failed ? 'Failed' : 'Active',
    deleting: job.metadata?.deletionTimestamp !== undefined,
    report: parseRunReport(terminationMessage),
    failureMessage: failed?.message,
  };
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value);
}

/** Everything planSyncJob decides from. */
export interface ObservedSyncJob {
  syncJob: SyncJob;
  /** Undefined when the referenced PipedriveConnection does not exist. */
  connection: PipedriveConnection | undefined;
  /** Jobs owned by this SyncJob (controller ownerReference). */
  jobs: ObservedJob[];
  /** Postgres/MySQL: whether the urlSecretRef Secret and key exist; 'NotRequired' for SQLite. */
  destinationSecret: 'Present' | 'SecretNotFound' | 'KeyMissing' | 'NotRequired';
  /**
   * OAuth connections: when the access token in the operator-owned token Secret
   * expires; undefined when that Secret holds none (or the connection uses an API token).
   */
  accessTokenExpiresAt?: Date;
}
