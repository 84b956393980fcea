/**
 * Deterministic Job names: creating the same run twice (a crash after create,
 * a second operator replica) hits AlreadyExists instead of running twice.
 * SyncJob names are at most 52 characters, so every name here fits in 63.
 */
import { createHash } from 'node:crypto';

function hash8(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** `<syncjob>-<minutes since the epoch>`, like CronJob, for the run of one schedule time. */
export function scheduledJobName(syncJobName: string, scheduledTime: Date): string {
  return `${syncJobName}-${Math.floor(scheduledTime.getTime() / 60_000)}`;
}

/** `<syncjob>-m-<hash>` for the run answering one value of the requested-at annotation. */
export function manualJobName(syncJobName: string, requestedAt: string): string {
  return `${syncJobName}-m-${hash8(requestedAt)}`;
}

/** `<syncjob>-s-<hash>` for the run of one spec generation of an unscheduled SyncJob. */
export function specChangeJobName(syncJobName: string, uid: string, generation: number): string {
  return `${syncJobName}-s-${hash8(`${uid}/${generation}`)}`;
}
