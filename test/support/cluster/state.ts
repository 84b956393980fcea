import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ManagedProcess } from './processes.js';
import { clusterFiles } from './paths.js';
import { probe } from './probe.js';

/** What `.cache/kube/state.json` records about a running control plane. */
export interface ClusterState {
  version: string;
  server: string;
  token: string;
  kubeconfigPath: string;
  runDir: string;
  ports: { etcd: number; etcdPeer: number; apiserver: number; controllerManager: number };
  processes: ManagedProcess[];
  startedAt: string;
  /** True when a test run started it: the last test run using it stops it. `cluster:up` sets false. */
  autoStop: boolean;
  /** Milliseconds from launch until each component was ready (etcd, apiserver, default ServiceAccount). */
  timings?: Record<string, number>;
}

export function readState(): ClusterState | undefined {
  try {
    return JSON.parse(readFileSync(clusterFiles.state(), 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

export function writeState(state: ClusterState): void {
  const path = clusterFiles.state();
  mkdirSync(dirname(path), { recursive: true });
  // Holds the admin token: readable by its owner only.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function removeState(): void {
  rmSync(clusterFiles.state(), { force: true });
}

/** Healthy = the apiserver answers /readyz with our admin token. */
export async function isHealthy(state: ClusterState): Promise<boolean> {
  const result = await probe(`${state.server}/readyz`, state.token);
  return result.status === 200;
}
