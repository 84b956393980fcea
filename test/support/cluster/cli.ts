import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startControlPlane, stopControlPlane } from './control-plane.js';
import { withFileLock } from './file-lock.js';
import { clusterFiles, REPO_ROOT } from './paths.js';
import { probe, waitUntil } from './probe.js';
import { isRunning, logTail, startDetached } from './processes.js';
import { isHealthy, readState, removeState, writeState, type ClusterState } from './state.js';
import { clearUsers, liveUsers } from './users.js';

/*
 * npm run cluster:up [-- --with-pod-runner] | cluster:down [-- --force] | cluster:status
 * A control plane started here is never stopped by test runs (autoStop false).
 */

async function startPodRunnerProcess(state: ClusterState): Promise<void> {
  const workDir = join(state.runDir, 'pods');
  mkdirSync(workDir, { recursive: true });
  const runner = startDetached(
    'pod-runner',
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'test/support/pod-runner/main.ts'),
      '--kubeconfig',
      state.kubeconfigPath,
      '--work-dir',
      workDir,
    ],
    join(state.runDir, 'logs', 'pod-runner.log'),
  );
  state.processes.push(runner);
  await waitUntil(
    async () => {
      if (!isRunning(runner)) throw new Error(`pod runner exited:\n${logTail(runner)}`);
      return (await probe(`${state.server}/api/v1/nodes/pod-runner`, state.token)).status === 200;
    },
    30_000,
    () => `pod runner did not register its node:\n${logTail(runner)}`,
  );
}

async function up(withPodRunner: boolean): Promise<void> {
  const started = Date.now();
  await withFileLock(clusterFiles.lock(), async () => {
    let state = readState();
    if (state && (await isHealthy(state))) {
      console.log(`Control plane already running at ${state.server}`);
      state.autoStop = false;
    } else {
      if (state) await stopControlPlane(state);
      clearUsers();
      console.log('Starting etcd, kube-apiserver and kube-controller-manager...');
      state = await startControlPlane({ autoStop: false });
    }
    if (withPodRunner && !state.processes.some((p) => p.name === 'pod-runner' && isRunning(p))) {
      state.processes = state.processes.filter((p) => p.name !== 'pod-runner');
      await startPodRunnerProcess(state);
    }
    writeState(state);
    console.log(`Control plane ready at ${state.server} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`Kubeconfig: ${state.kubeconfigPath}`);
    console.log(`  KUBECONFIG=${state.kubeconfigPath} kubectl get ns`);
  });
}

async function down(force: boolean): Promise<void> {
  await withFileLock(clusterFiles.lock(), async () => {
    const users = liveUsers();
    if (users.length > 0 && !force) {
      console.error(
        `A test run still uses the control plane (${users.join(', ')}); use --force to stop it anyway.`,
      );
      process.exitCode = 1;
      return;
    }
    const state = readState();
    if (state) await stopControlPlane(state);
    rmSync(clusterFiles.run(), { recursive: true, force: true });
    removeState();
    clearUsers();
    console.log(state ? 'Control plane stopped and its data removed.' : 'No control plane was running.');
  });
}

async function status(): Promise<number> {
  const state = readState();
  if (!state) {
    console.log('No control plane (run `npm run cluster:up`).');
    return 1;
  }
  const healthy = await isHealthy(state);
  console.log(`Kubernetes ${state.version} at ${state.server}: ${healthy ? 'healthy' : 'NOT healthy'}`);
  console.log(
    `Kubeconfig: ${state.kubeconfigPath}  (started ${state.startedAt}, autoStop ${String(state.autoStop)})`,
  );
  if (state.timings) console.log(`Start timings (ms since launch): ${JSON.stringify(state.timings)}`);
  for (const proc of state.processes) {
    console.log(
      `  ${proc.name.padEnd(24)} pid ${String(proc.pid).padEnd(8)} ${isRunning(proc) ? 'running' : 'stopped'}  log ${proc.log}`,
    );
  }
  return healthy ? 0 : 1;
}

const [command, ...flags] = process.argv.slice(2);
try {
  if (command === 'up') await up(flags.includes('--with-pod-runner'));
  else if (command === 'down') await down(flags.includes('--force'));
  else if (command === 'status') process.exitCode = await status();
  else {
    console.error('Usage: cluster-cli up [--with-pod-runner] | down [--force] | status');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
