import { startControlPlane, stopControlPlane } from './control-plane.js';
import { withFileLock } from './file-lock.js';
import { clusterFiles } from './paths.js';
import { isHealthy, readState, removeState, writeState, type ClusterState } from './state.js';
import { clearUsers, liveUsers, registerUser, unregisterUser } from './users.js';

/** A reachable local control plane: admin credentials and the kubeconfig written for it. */
export interface ControlPlane {
  kubeconfigPath: string;
  server: string;
  token: string;
  /** Present when this call started the control plane: releases it (stops it if nobody else uses it). */
  stop?(): Promise<void>;
}

/** Env set by the vitest global setup so every worker registers under the run's id and pid. */
export const RUN_ID_ENV = 'PIPEDRIVE_KUBE_RUN_ID';
export const RUN_PID_ENV = 'PIPEDRIVE_KUBE_RUN_PID';

function runIdentity(): { runId: string; pid: number } {
  const runId = process.env[RUN_ID_ENV] ?? `pid-${process.pid}`;
  const pid = Number(process.env[RUN_PID_ENV] ?? process.pid);
  return { runId, pid };
}

function view(state: ClusterState): ControlPlane {
  return { kubeconfigPath: state.kubeconfigPath, server: state.server, token: state.token };
}

let cached: Promise<ControlPlane> | undefined;

/**
 * Returns the running control plane (from `.cache/kube/state.json`) when it is
 * healthy, otherwise starts one (building or copying the binaries first if they
 * are missing). Safe to call from many test files and processes at once.
 *
 * @example
 * const { kubeconfigPath } = await ensureControlPlane();
 * const kc = new KubeConfig(); kc.loadFromFile(kubeconfigPath);
 */
export function ensureControlPlane(): Promise<ControlPlane> {
  cached ??= acquire().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function acquire(): Promise<ControlPlane> {
  const { runId, pid } = runIdentity();
  return withFileLock(clusterFiles.lock(), async () => {
    const existing = readState();
    if (existing && (await isHealthy(existing))) {
      registerUser(runId, pid);
      return view(existing);
    }
    if (existing) await stopControlPlane(existing);
    clearUsers();
    const started = Date.now();
    const state = await startControlPlane({ autoStop: true });
    console.error(
      `Started the local control plane at ${state.server} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    writeState(state);
    registerUser(runId, pid);
    return {
      ...view(state),
      stop: async () => {
        await releaseControlPlane(runId);
      },
    };
  });
}

/**
 * Drops this run's claim on the control plane and stops it when a test run
 * started it and no other live run still uses it. Returns true if it stopped it.
 */
export async function releaseControlPlane(runId = runIdentity().runId): Promise<boolean> {
  return withFileLock(clusterFiles.lock(), async () => {
    if (!unregisterUser(runId)) return false;
    const state = readState();
    if (!state || !state.autoStop || liveUsers().length > 0) return false;
    await stopControlPlane(state);
    removeState();
    cached = undefined;
    return true;
  });
}

export { clusterFiles } from './paths.js';
