/**
 * The ordered checks that stop a SyncJob from starting new runs, cert-manager
 * style: each looks at the observed state and either says why nothing may run
 * or stays silent. The first that fires wins; its reason becomes the Ready
 * condition's reason.
 */
import { READY, type SyncJobReason } from '../api/index.js';
import { oauthTokenSecretName } from '../kube/oauth-token-secret.js';
import { findCondition } from './conditions.js';
import type { ObservedSyncJob } from './sync-job-plan-input.js';
import type { ParsedSchedule } from './schedule.js';

/** How long a missing destination Secret is waited for before Stalled=True says a human must act. */
export const SECRET_GRACE_MS = 2 * 60_000;
/** Safety requeue while waiting on something a watch also reports (connection, Secret). */
export const WAITING_REQUEUE_MS = 5 * 60_000;
/**
 * An OAuth Job starts only with an access token valid at least this long. The
 * connection controller renews it 15 minutes before expiry, so a healthy
 * connection always has more; a run that outlives it re-reads the renewed file.
 */
export const MIN_ACCESS_TOKEN_LIFETIME_MS = 10 * 60_000;
/** Recheck soon while waiting for the operator to issue an access token (its next check). */
const ACCESS_TOKEN_REQUEUE_MS = 15_000;

export interface PlanContext {
  observed: ObservedSyncJob;
  now: Date;
  /** Undefined when the SyncJob has no schedule. */
  schedule: ParsedSchedule | undefined;
}

export interface Blocker {
  reason: SyncJobReason;
  message: string;
  /** Ready stays True for a deliberate pause; False otherwise. */
  ready: boolean;
  /** A human must act (kstatus Stalled). */
  stalled: boolean;
  requeueAfterMs?: number;
}

type Check = (ctx: PlanContext) => Blocker | undefined;

const invalidSchedule: Check = ({ schedule }) =>
  schedule && !schedule.ok
    ? { reason: schedule.reason, message: schedule.message, ready: false, stalled: true }
    : undefined;

const suspended: Check = ({ observed }) =>
  observed.syncJob.spec.suspend
    ? {
        reason: 'Suspended',
        message: 'Suspended: no new runs start until spec.suspend is false',
        ready: true,
        stalled: false,
      }
    : undefined;

const connectionNotReady: Check = ({ observed }) => {
  const name = observed.syncJob.spec.connectionRef.name;
  if (!observed.connection) {
    return blocked('ConnectionNotReady', `PipedriveConnection ${name} does not exist`);
  }
  const ready = findCondition(observed.connection.status?.conditions, READY);
  if (ready?.status === 'True') return undefined;
  const why = ready ? `${ready.reason}: ${ready.message}` : 'not checked yet';
  return blocked('ConnectionNotReady', `PipedriveConnection ${name} is not Ready (${why})`);
};

const noAccessToken: Check = ({ observed, now }) => {
  const connection = observed.connection;
  if (connection?.spec.auth.scheme !== 'OAuth') return undefined;
  const expiresAt = observed.accessTokenExpiresAt;
  if (expiresAt && expiresAt.getTime() - now.getTime() >= MIN_ACCESS_TOKEN_LIFETIME_MS) return undefined;
  const minutes = MIN_ACCESS_TOKEN_LIFETIME_MS / 60_000;
  return {
    ...blocked(
      'ConnectionNotReady',
      `PipedriveConnection ${connection.metadata.name} has no OAuth access token valid for ${minutes} more minutes ` +
        `in Secret ${oauthTokenSecretName(connection.metadata.name)} yet; the operator renews it with its next check`,
    ),
    requeueAfterMs: ACCESS_TOKEN_REQUEUE_MS,
  };
};

const destinationSecretMissing: Check = ({ observed, now }) => {
  const state = observed.destinationSecret;
  if (state !== 'SecretNotFound' && state !== 'KeyMissing') return undefined;
  const ref = observed.syncJob.spec.destination.urlSecretRef;
  const message =
    state === 'SecretNotFound'
      ? `Secret ${ref?.name} (spec.destination.urlSecretRef) does not exist`
      : `Secret ${ref?.name} has no key ${ref?.key} (spec.destination.urlSecretRef)`;
  const previous = findCondition(observed.syncJob.status?.conditions, READY);
  const since =
    previous?.reason === 'DestinationSecretNotFound' && previous.status === 'False'
      ? new Date(previous.lastTransitionTime).getTime()
      : now.getTime();
  const waited = now.getTime() - since;
  const stalled = waited >= SECRET_GRACE_MS;
  return {
    reason: 'DestinationSecretNotFound',
    message,
    ready: false,
    stalled,
    requeueAfterMs: stalled ? WAITING_REQUEUE_MS : SECRET_GRACE_MS - waited,
  };
};

function blocked(reason: SyncJobReason, message: string): Blocker {
  return { reason, message, ready: false, stalled: false, requeueAfterMs: WAITING_REQUEUE_MS };
}

/** In order: configuration errors first, then a deliberate pause, then what the SyncJob waits on. */
export const BLOCKING_CHECKS: readonly { name: string; check: Check }[] = [
  { name: 'invalid schedule or time zone', check: invalidSchedule },
  { name: 'suspended', check: suspended },
  { name: 'connection not ready', check: connectionNotReady },
  { name: 'no OAuth access token for Jobs', check: noAccessToken },
  { name: 'destination Secret missing', check: destinationSecretMissing },
];

export function firstBlocker(ctx: PlanContext): Blocker | undefined {
  for (const { check } of BLOCKING_CHECKS) {
    const blocker = check(ctx);
    if (blocker) return blocker;
  }
  return undefined;
}
