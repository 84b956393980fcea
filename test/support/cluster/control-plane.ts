import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinaries } from './binaries.js';
import { apiserverArgs, controllerManagerArgs, etcdArgs, type ClusterPorts } from './component-args.js';
import { writeCredentials } from './credentials.js';
import { writeKubeconfig } from './kubeconfig.js';
import { clusterFiles, kubeVersion } from './paths.js';
import { freePorts } from './ports.js';
import { probe, waitUntil } from './probe.js';
import { isRunning, logTail, startDetached, stopProcess, type ManagedProcess } from './processes.js';
import type { ClusterState } from './state.js';

const START_TIMEOUT_MS = Number(process.env.KUBE_START_TIMEOUT_MS ?? 90_000);

/** Waits for a component, failing fast with its log tail if it exits or times out. */
async function waitForComponent(proc: ManagedProcess, ready: () => Promise<boolean>): Promise<void> {
  await waitUntil(
    async () => {
      if (!isRunning(proc)) throw new Error(`${proc.name} exited during start:\n${logTail(proc)}`);
      return ready();
    },
    START_TIMEOUT_MS,
    () => `${proc.name} was not ready after ${START_TIMEOUT_MS} ms (log ${proc.log}):\n${logTail(proc)}`,
  );
}

/**
 * Starts etcd, kube-apiserver and kube-controller-manager as detached processes
 * on free loopback ports, with fresh data in `.cache/kube/run`, and returns once
 * the apiserver is ready and the `default` ServiceAccount exists (which proves
 * the controller manager works). The caller records the returned state.
 */
export async function startControlPlane(options: { autoStop: boolean }): Promise<ClusterState> {
  const bin = ensureBinaries();
  const runDir = clusterFiles.run();
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(join(runDir, 'pki'), { recursive: true });
  mkdirSync(join(runDir, 'logs'), { recursive: true });
  const [etcd, etcdPeer, apiserver, controllerManager] = await freePorts(4);
  const ports: ClusterPorts = {
    etcd: etcd!,
    etcdPeer: etcdPeer!,
    apiserver: apiserver!,
    controllerManager: controllerManager!,
  };
  const credentials = writeCredentials(runDir);
  const server = `https://127.0.0.1:${ports.apiserver}`;
  const componentKubeconfig = join(runDir, 'kubeconfig');
  writeKubeconfig(componentKubeconfig, server, credentials.token);

  const started: ManagedProcess[] = [];
  const startedAt = Date.now();
  const timings: Record<string, number> = {};
  const mark = (name: string) => (timings[name] = Date.now() - startedAt);
  const launch = (name: string, args: string[]) => {
    const proc = startDetached(name, join(bin, name), args, join(runDir, 'logs', `${name}.log`));
    started.push(proc);
    return proc;
  };
  try {
    const etcdProc = launch('etcd', etcdArgs(runDir, ports));
    await waitForComponent(
      etcdProc,
      async () => (await probe(`http://127.0.0.1:${ports.etcd}/health`)).status === 200,
    );
    mark('etcdReadyMs');
    const apiProc = launch('kube-apiserver', apiserverArgs(runDir, ports, credentials));
    await waitForComponent(
      apiProc,
      async () => (await probe(`${server}/readyz`, credentials.token)).status === 200,
    );
    mark('apiserverReadyMs');
    const kcmProc = launch(
      'kube-controller-manager',
      controllerManagerArgs(runDir, ports, credentials, componentKubeconfig),
    );
    const defaultServiceAccount = `${server}/api/v1/namespaces/default/serviceaccounts/default`;
    await waitForComponent(
      kcmProc,
      async () => (await probe(defaultServiceAccount, credentials.token)).status === 200,
    );
    mark('defaultServiceAccountMs');
  } catch (error) {
    for (const proc of started.reverse()) await stopProcess(proc);
    throw error;
  }
  writeKubeconfig(clusterFiles.kubeconfig(), server, credentials.token);
  return {
    version: kubeVersion(),
    server,
    token: credentials.token,
    kubeconfigPath: clusterFiles.kubeconfig(),
    runDir,
    ports,
    processes: started,
    startedAt: new Date().toISOString(),
    autoStop: options.autoStop,
    timings,
  };
}

/** Stops every process (controller manager first, etcd last) and deletes the data and kubeconfig. */
export async function stopControlPlane(state: ClusterState): Promise<void> {
  for (const proc of [...state.processes].reverse()) await stopProcess(proc);
  rmSync(state.runDir, { recursive: true, force: true });
  rmSync(state.kubeconfigPath, { force: true });
}
