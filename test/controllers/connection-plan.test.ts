import { describe, expect, test } from 'vitest';
import {
  planConnection,
  type ConnectionPlan,
  type ObservedConnection,
} from '../../src/controllers/connection-plan.js';
import type { CheckResult } from '../../src/sync/contracts.js';
import { aConnection, at, readyCondition } from './builders.js';

const NOW = at('2026-11-28T10:00:00Z');
const HOUR = 3_600_000;
const ok: CheckResult = {
  ok: true,
  account: {
    companyId: 7781,
    companyName: 'Acme GmbH',
    companyDomain: 'acme',
    userId: 17,
    userName: 'Maria',
    userEmail: 'maria@acme.io',
  },
};
const failed = (reason: Extract<CheckResult, { ok: false }>['reason']): CheckResult => ({
  ok: false,
  reason,
  message: `${reason} happened`,
});
const ready = (plan: ConnectionPlan) => plan.status.conditions?.find((c) => c.type === 'Ready');
const stalled = (plan: ConnectionPlan) => plan.status.conditions?.find((c) => c.type === 'Stalled');
const neverChecked = aConnection({ conditions: [] });
const validated = aConnection({
  conditions: [readyCondition('True')],
  status: { lastValidatedTime: '2026-11-28T09:00:00Z' },
});

describe('planConnection', () => {
  test('OAuth: comes back 15 minutes before the access token stored for Jobs expires', () => {
    const plan = planConnection(
      { connection: validated, check: ok, accessTokenExpiresAt: at('2026-11-28T10:59:59Z') },
      NOW,
    );
    expect(plan.requeueAfterMs).toBe(HOUR - 15 * 60_000 - 1000);
    // A token with less than 15 minutes left (a short-lived grant) is renewed soon, never in a hot loop.
    const short = planConnection(
      { connection: validated, check: ok, accessTokenExpiresAt: at('2026-11-28T10:05:00Z') },
      NOW,
    );
    expect(short.requeueAfterMs).toBe(30_000);
    // The revalidation interval still wins when it is shorter.
    const frequent = aConnection({
      spec: { revalidateInterval: '10m' },
      conditions: [readyCondition('True')],
    });
    expect(
      planConnection(
        { connection: frequent, check: ok, accessTokenExpiresAt: at('2026-11-28T10:59:59Z') },
        NOW,
      ).requeueAfterMs,
    ).toBe(10 * 60_000);
  });

  test('valid credentials: Ready Validated with the account, revalidated after revalidateInterval', () => {
    const plan = planConnection(
      {
        connection: neverChecked,
        check: ok,
        usage: { dailyTokensLimit: 600000, dailyTokensRemaining: 512340 },
      },
      NOW,
    );
    expect(ready(plan)).toMatchObject({
      status: 'True',
      reason: 'Validated',
      message: 'Authenticated as maria@acme.io in Acme GmbH (acme)',
      lastTransitionTime: '2026-11-28T10:00:00Z',
    });
    expect(plan.status.account).toEqual({
      companyId: 7781,
      companyName: 'Acme GmbH',
      companyDomain: 'acme',
      userId: 17,
      userName: 'Maria',
      userEmail: 'maria@acme.io',
    });
    expect(plan.status.rateLimit).toEqual({
      dailyTokenLimit: 600000,
      dailyTokensRemaining: 512340,
      observedTime: '2026-11-28T10:00:00Z',
    });
    expect(plan.status.lastValidatedTime).toBe('2026-11-28T10:00:00Z');
    expect(plan.requeueAfterMs).toBe(HOUR);
    expect(stalled(plan)).toBeUndefined();
    expect(plan.events).toEqual([expect.objectContaining({ type: 'Normal', reason: 'Validated' })]);
  });

  test('revalidating keeps lastTransitionTime and emits no event', () => {
    const plan = planConnection({ connection: validated, check: ok }, NOW);
    expect(ready(plan)?.lastTransitionTime).toBe('2026-11-28T08:00:00Z');
    expect(plan.events).toEqual([]);
  });

  test.each(['InvalidCredentials', 'Forbidden', 'CompanyDomainMismatch', 'PaymentRequired'] as const)(
    '%s needs a human: Ready False, Stalled True, no hot loop',
    (reason) => {
      const plan = planConnection({ connection: validated, check: failed(reason) }, NOW);
      expect(ready(plan)).toMatchObject({ status: 'False', reason, message: `${reason} happened` });
      expect(stalled(plan)).toMatchObject({ status: 'True', reason });
      expect(plan.requeueAfterMs).toBe(HOUR);
      expect(plan.events).toEqual([expect.objectContaining({ type: 'Warning', reason })]);
    },
  );

  test.each(['RateLimited', 'ApiUnavailable'] as const)(
    '%s before any validation: Ready False, retried with backoff',
    (reason) => {
      const first = planConnection({ connection: neverChecked, check: failed(reason) }, NOW);
      expect(ready(first)).toMatchObject({ status: 'False', reason });
      expect(stalled(first)).toBeUndefined();
      expect(first.requeueAfterMs).toBe(15_000);
      const later = planConnection(
        {
          connection: aConnection({ conditions: [readyCondition('False', reason, '2026-11-28T09:58:00Z')] }),
          check: failed(reason),
        },
        NOW,
      );
      expect(later.requeueAfterMs).toBe(120_000);
    },
  );

  test('an API outage does not take Ready away from validated credentials', () => {
    const plan = planConnection({ connection: validated, check: failed('ApiUnavailable') }, NOW);
    expect(ready(plan)).toMatchObject({ status: 'True', reason: 'Validated' });
    expect(plan.requeueAfterMs).toBe(HOUR / 6);
    expect(plan.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ApiUnavailable' })]);
  });

  test('a missing Secret is waited for quietly, then Stalled after the grace period', () => {
    const problem: ObservedConnection['secretProblem'] = {
      reason: 'SecretNotFound',
      message: 'Secret acme-pipedrive does not exist',
    };
    const first = planConnection({ connection: neverChecked, secretProblem: problem }, NOW);
    expect(ready(first)).toMatchObject({ status: 'False', reason: 'SecretNotFound' });
    expect(stalled(first)).toBeUndefined();
    expect(first.requeueAfterMs).toBe(120_000);
    const later = planConnection(
      {
        connection: aConnection({
          conditions: [readyCondition('False', 'SecretNotFound', '2026-11-28T09:55:00Z')],
        }),
        secretProblem: problem,
      },
      NOW,
    );
    expect(stalled(later)).toMatchObject({ status: 'True', reason: 'SecretNotFound' });
    expect(later.requeueAfterMs).toBe(HOUR);
  });

  test('recovering removes Stalled', () => {
    const broken = aConnection({
      conditions: [
        readyCondition('False', 'InvalidCredentials'),
        { ...readyCondition('True', 'InvalidCredentials'), type: 'Stalled' },
      ],
    });
    const plan = planConnection({ connection: broken, check: ok }, NOW);
    expect(stalled(plan)).toBeUndefined();
    expect(ready(plan)).toMatchObject({ status: 'True', lastTransitionTime: '2026-11-28T10:00:00Z' });
  });

  test('revalidateInterval from the spec sets the requeue', () => {
    const plan = planConnection(
      { connection: aConnection({ spec: { revalidateInterval: '15m' } }), check: ok },
      NOW,
    );
    expect(plan.requeueAfterMs).toBe(15 * 60_000);
  });
});
