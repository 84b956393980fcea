/**
 * planConnection: the decision of one PipedriveConnection reconcile, pure.
 * Credential problems only a human can fix (a wrong token, a missing Secret
 * after a grace period) set Stalled=True and are not retried in a loop: the
 * Secret watch brings the connection back, with revalidateInterval as a slow
 * safety net. Transient problems (rate limit, API down) back off, and do not
 * take Ready away from a connection that was already validated.
 */
import {
  READY,
  STALLED,
  parseDuration,
  type ConnectionReason,
  type PipedriveConnection,
  type PipedriveConnectionStatus,
} from '../api/index.js';
import type { ApiUsage, CheckResult } from '../sync/contracts.js';
import { findCondition, formatTime, removeCondition, setCondition } from './conditions.js';
import type { PlannedEvent } from './sync-job-plan-runs.js';

/** How long a missing Secret is waited for (it may be applied right after the connection) before Stalled. */
export const CONNECTION_SECRET_GRACE_MS = 2 * 60_000;
const MIN_BACKOFF_MS = 15_000;
/**
 * OAuth: the operator is the only refresher, so it renews the access token
 * sync Jobs use this long before it expires (Pipedrive's live 3599 s); Jobs
 * then always find one with at least this much lifetime left.
 */
export const ACCESS_TOKEN_RENEW_BEFORE_MS = 15 * 60_000;
/** Never renew more often than this, whatever the token's lifetime. */
const MIN_RENEW_DELAY_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export interface ObservedConnection {
  connection: PipedriveConnection;
  /** The first problem met reading the credential Secrets; the check did not run. */
  secretProblem?: { reason: 'SecretNotFound' | 'SecretKeyMissing'; message: string };
  /** The connector's check, when the credentials could be read. */
  check?: CheckResult;
  usage?: Pick<ApiUsage, 'dailyTokensLimit' | 'dailyTokensRemaining'>;
  /** OAuth: the operator-owned Secret holding the latest rotated refresh token. */
  tokenSecretName?: string;
  /** OAuth: expiry of the access token this check obtained and stored for sync Jobs. */
  accessTokenExpiresAt?: Date;
}

export interface ConnectionPlan {
  status: PipedriveConnectionStatus;
  requeueAfterMs?: number;
  events: PlannedEvent[];
}

type Outcome = { reason: ConnectionReason; message: string; kind: 'ok' | 'human' | 'transient' | 'waiting' };

const HUMAN_FIXABLE = new Set([
  'InvalidCredentials',
  'Forbidden',
  'CompanyDomainMismatch',
  'PaymentRequired',
]);

function outcomeOf(observed: ObservedConnection): Outcome {
  if (observed.secretProblem) return { ...observed.secretProblem, kind: 'waiting' };
  const check = observed.check;
  if (!check) return { reason: 'Validating', message: 'Credentials not checked yet', kind: 'transient' };
  if (check.ok) {
    const a = check.account;
    const who = a.userEmail ?? a.userName;
    return {
      reason: 'Validated',
      message: `Authenticated as ${who} in ${a.companyName} (${a.companyDomain})`,
      kind: 'ok',
    };
  }
  return {
    reason: check.reason,
    message: check.message,
    kind: HUMAN_FIXABLE.has(check.reason) ? 'human' : 'transient',
  };
}

export function planConnection(observed: ObservedConnection, now: Date): ConnectionPlan {
  const { connection } = observed;
  const previous = connection.status ?? {};
  const generation = connection.metadata.generation ?? 0;
  const revalidateMs = parseDuration(connection.spec.revalidateInterval);
  const outcome = outcomeOf(observed);
  const previousReady = findCondition(previous.conditions, READY);
  const wasValidated = previousReady?.status === 'True';

  const status: PipedriveConnectionStatus = { ...previous, observedGeneration: generation };
  if (observed.check?.ok) {
    const a = observed.check.account;
    status.lastValidatedTime = formatTime(now);
    status.account = {
      companyId: a.companyId,
      companyName: a.companyName,
      companyDomain: a.companyDomain,
      userId: a.userId,
      userName: a.userName,
      ...(a.userEmail ? { userEmail: a.userEmail } : {}),
    };
  }
  if (observed.usage?.dailyTokensRemaining !== undefined || observed.usage?.dailyTokensLimit !== undefined) {
    status.rateLimit = {
      ...(observed.usage.dailyTokensLimit !== undefined
        ? { dailyTokenLimit: observed.usage.dailyTokensLimit }
        : {}),
      ...(observed.usage.dailyTokensRemaining !== undefined
        ? { dailyTokensRemaining: observed.usage.dailyTokensRemaining }
        : {}),
      observedTime: formatTime(now),
    };
  }
  if (observed.tokenSecretName) status.tokenSecretName = observed.tokenSecretName;

  // A blip of the API does not un-validate credentials that worked: keep Ready, retry soon.
  const keepReady = outcome.kind === 'transient' && wasValidated;
  const ready = keepReady
    ? { status: 'True' as const, reason: previousReady.reason, message: previousReady.message }
    : {
        status: outcome.kind === 'ok' ? ('True' as const) : ('False' as const),
        reason: outcome.reason,
        message: outcome.message,
      };
  let conditions = setCondition(
    previous.conditions,
    { type: READY, observedGeneration: generation, ...ready },
    now,
  );

  const waitedMs = keepReady
    ? now.getTime() - new Date(previous.lastValidatedTime ?? now).getTime()
    : sinceFalse(previousReady, outcome.reason, now);
  const stalled =
    outcome.kind === 'human' || (outcome.kind === 'waiting' && waitedMs >= CONNECTION_SECRET_GRACE_MS);
  conditions = stalled
    ? setCondition(
        conditions,
        {
          type: STALLED,
          status: 'True',
          reason: outcome.reason,
          message: outcome.message,
          observedGeneration: generation,
        },
        now,
      )
    : removeCondition(conditions, STALLED);
  status.conditions = conditions;

  let requeueAfterMs = requeueAfter(outcome, revalidateMs, waitedMs);
  if (observed.accessTokenExpiresAt && outcome.kind === 'ok') {
    const renewInMs = observed.accessTokenExpiresAt.getTime() - ACCESS_TOKEN_RENEW_BEFORE_MS - now.getTime();
    requeueAfterMs = Math.min(requeueAfterMs, Math.max(MIN_RENEW_DELAY_MS, renewInMs));
  }
  return { status, requeueAfterMs, events: events(previousReady, ready, outcome) };
}

/** Time since Ready went False for this same reason; 0 on the first visit with it. */
function sinceFalse(previous: ReturnType<typeof findCondition>, reason: string, now: Date): number {
  if (!previous || previous.status !== 'False' || previous.reason !== reason) return 0;
  return Math.max(0, now.getTime() - new Date(previous.lastTransitionTime).getTime());
}

function requeueAfter(outcome: Outcome, revalidateMs: number, waitedMs: number): number {
  switch (outcome.kind) {
    case 'ok':
    case 'human':
      return revalidateMs;
    case 'waiting':
      return waitedMs < CONNECTION_SECRET_GRACE_MS ? CONNECTION_SECRET_GRACE_MS - waitedMs : revalidateMs;
    case 'transient':
      // Doubling-ish backoff without a counter: wait as long as the problem has lasted, within bounds.
      return Math.min(Math.max(MIN_BACKOFF_MS, waitedMs), MAX_BACKOFF_MS, revalidateMs);
  }
}

function events(
  previous: ReturnType<typeof findCondition>,
  ready: { status: 'True' | 'False'; reason: string; message: string },
  outcome: Outcome,
): PlannedEvent[] {
  if (previous?.status === ready.status && previous.reason === ready.reason) {
    return outcome.kind === 'transient' && ready.status === 'True'
      ? [{ type: 'Warning', reason: outcome.reason, message: outcome.message }]
      : [];
  }
  return [
    { type: ready.status === 'True' ? 'Normal' : 'Warning', reason: ready.reason, message: ready.message },
  ];
}
