/**
 * The operator process SIGKILLed again and again, at random moments (during its
 * start, its first list, its reconcile bursts at each minute), while it
 * reconciles 100 SyncJobs scheduled every minute (Allow, Allow with a starting
 * deadline, Forbid, Replace) and 10 of them triggered by hand. Afterwards no
 * scheduled time, requested-at value or generation has two Jobs, every run the
 * policies allow exists, and each status agrees with its Jobs (run-oracle.ts).
 * No pod runner: every Job stays active, so Forbid must hold back all later runs.
 * (A cluster-wide pod runner, `cluster:up --with-pod-runner`, would run these pods.)
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';
import { patchObject, waitFor } from '../operator/support/operator-env.js';
import { prepareFaultEnv, waitForConnectionReady, type FaultEnv } from './support/fault-env.js';
import { startOperatorProcess, type OperatorProcess } from './support/operator-process.js';
import { checkSyncJobRuns, type OracleWindow } from './support/run-oracle.js';
import { createFleet, FLEET, fleetNames, forOracle, jobsOf, snapshot } from './support/sync-job-fleet.js';

const MIN_KILLS = 5;
const MINUTE = 60_000;
const manualNames = fleetNames(FLEET.find((g) => g.prefix === 'adhoc')!);
const requested = new Map<string, string[]>(manualNames.map((n) => [n, []]));

let ns: TestNamespace;
let faults: FaultEnv;
let operator: OperatorProcess;
const processes: OperatorProcess[] = [];

function spawnOperator(): OperatorProcess {
  operator = startOperatorProcess({
    kubeconfigPath: ns.controlPlane.kubeconfigPath,
    namespace: ns.name,
    name: `operator-${processes.length}`,
  });
  processes.push(operator);
  return operator;
}

/** When each process had its controllers running: [from, to); a process killed before has none. */
const lifetimes: { from: number; to: number }[] = [];
function controllersStarted(p: OperatorProcess): number {
  const line = p.logs.find((l) => l.message === 'Started controllers');
  return line ? new Date(String(line.timestamp)).getTime() : Infinity;
}
const upThroughout = (from: Date, to: Date) =>
  lifetimes.some((l) => l.from <= from.getTime() && l.to >= to.getTime());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const floorMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;

beforeAll(async () => {
  ns = await createTestNamespace('op-kills');
  faults = await prepareFaultEnv(ns.kubeConfig, ns.name);
  await spawnOperator().ready();
  await waitForConnectionReady(faults.env);
}, 180_000);

afterAll(async () => {
  await operator?.kill('SIGKILL');
  await faults?.close();
  await ns?.delete();
});

/** Sets requested-at rounds r1..rN on the manual SyncJobs, each once the previous one was handled. */
async function triggerRounds(rounds: number): Promise<void> {
  for (let round = 1; round <= rounds; round++) {
    const value = `r${round}`;
    await Promise.all(
      manualNames.map(async (name) => {
        await patchObject(faults.env, 'SyncJob', name, {
          metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: value } },
        });
        requested.get(name)!.push(value);
      }),
    );
    await waitFor(
      `requested-at ${value} handled`,
      async () => {
        const { syncJobs } = await snapshot(faults.env);
        const manual = syncJobs.filter((s) => manualNames.includes(s.metadata.name));
        return manual.every((s) => s.status?.lastHandledRequestedAt === value);
      },
      300_000,
      500,
    );
  }
}

/** Every SyncJob shows the runs of schedule time `minute` (Forbid: its first run; manual: the last request). */
async function converged(minute: number): Promise<boolean> {
  const { syncJobs } = await snapshot(faults.env);
  return syncJobs.every((s) => {
    const spec = s.spec as { schedule?: string; concurrencyPolicy?: string };
    const last = s.status?.lastScheduleTime as string | undefined;
    if (!spec.schedule) return s.status?.lastHandledRequestedAt === requested.get(s.metadata.name)!.at(-1);
    if (spec.concurrencyPolicy === 'Forbid') return last !== undefined;
    return last !== undefined && new Date(last).getTime() === minute;
  });
}

test('no duplicate or missed run and consistent status after repeated SIGKILLs', async () => {
  const created = Date.now();
  await createFleet(faults.env);
  let manualDone = false;
  let manualError: unknown;
  const manual = triggerRounds(2).then(
    () => (manualDone = true),
    (error: unknown) => (manualError = error),
  );

  // Loading the CLI takes seconds on a busy machine, so kills are timed from what the process logs:
  // odd cycles die while it lists and starts (0-5 s after 'Started the operator'), even ones during
  // the reconcile burst (0.2-30 s after 'Started controllers'), so the work also gets somewhere.
  const kills: { afterMs: number; during: 'start' | 'reconcile'; ready: boolean }[] = [];
  const mustPass = floorMinute(created) + 2 * MINUTE + 5_000;
  while (kills.length < MIN_KILLS || Date.now() < mustPass || !manualDone) {
    const current = operator;
    const during = kills.length % 2 === 0 ? 'start' : 'reconcile';
    const mark = during === 'start' ? 'Started the operator' : 'Started controllers';
    await waitFor(`the operator to log ${mark}`, async () => current.count(mark) > 0, 120_000, 50);
    const delay = during === 'start' ? Math.random() * 5_000 : 200 + Math.random() * 29_800;
    await sleep(delay);
    if (manualError) throw manualError;
    const ready = current.count('Started controllers') > 0;
    await current.kill('SIGKILL');
    lifetimes.push({ from: controllersStarted(current), to: Date.now() });
    kills.push({ afterMs: Math.round(delay), during, ready });
    spawnOperator();
    if (Date.now() - created > 8 * MINUTE) throw new Error('The kill phase did not end');
  }
  await manual;
  const restartedAt = Date.now();
  await operator.ready();
  const readyMs = Date.now() - restartedAt;

  // Converge, then read everything within the same minute so the snapshot is stable.
  let window: OracleWindow | undefined;
  let state: Awaited<ReturnType<typeof snapshot>> | undefined;
  let convergedMs = 0;
  for (let attempt = 0; attempt < 3 && !state; attempt++) {
    const minute = await waitFor(
      'every SyncJob to show the latest schedule time',
      async () => {
        const m = floorMinute(Date.now());
        return (await converged(m)) ? m : undefined;
      },
      90_000,
      500,
    );
    convergedMs ||= Date.now() - restartedAt;
    const taken = await snapshot(faults.env);
    if (floorMinute(Date.now()) === minute)
      [state, window] = [
        taken,
        { handledUntil: new Date(minute), stoppedAt: new Date(minute), upThroughout },
      ];
  }
  await operator.kill('SIGTERM');
  lifetimes.push({ from: controllersStarted(operator), to: Date.now() });
  expect(state, 'a stable snapshot').toBeDefined();

  const problems = state!.syncJobs.flatMap((sj) =>
    checkSyncJobRuns(forOracle(sj, requested.get(sj.metadata.name) ?? []), jobsOf(state!.jobs, sj), window!),
  );
  // Allow SyncJobs: schedule times since creation without a Job (legitimate only while no process lived).
  const skipped = state!.syncJobs
    .filter(
      (sj) => (sj.spec as { concurrencyPolicy?: string }).concurrencyPolicy === 'Allow' && sj.spec.schedule,
    )
    .reduce((n, sj) => {
      const o = forOracle(sj, []);
      const minutes = Math.round(
        (window!.handledUntil.getTime() - floorMinute(o.createdAt.getTime())) / MINUTE,
      );
      return n + minutes - jobsOf(state!.jobs, sj).length;
    }, 0);
  const figures = {
    syncJobs: state!.syncJobs.length,
    jobs: state!.jobs.length,
    scheduledTimesSkippedWhileDown: skipped,
    kills: kills.length,
    killsBeforeControllers: kills.filter((k) => !k.ready).length,
    killDelaysMs: kills.map((k) => `${k.during}+${k.afterMs}`),
    alreadyCreatedFound: processes.reduce((n, p) => n + p.count('Found Job already created'), 0),
    jobsCreatedLogged: processes.reduce((n, p) => n + p.count('Created Job'), 0),
    lastRestartReadyMs: readyMs,
    lastRestartConvergedMs: convergedMs,
    testSeconds: Math.round((Date.now() - created) / 1000),
  };
  console.info(`Operator kills: ${JSON.stringify(figures)}`);
  expect(problems).toEqual([]);
  expect(state!.syncJobs).toHaveLength(100);
  expect(kills.length).toBeGreaterThanOrEqual(MIN_KILLS);
}, 720_000);
