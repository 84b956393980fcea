/**
 * A private etcd + kube-apiserver (same binaries and flags as the shared local
 * control plane) whose apiserver a test may stop and start. The shared control
 * plane is not restarted: every other test file of the run uses it at the same
 * time. No controller manager: no Job controller, no garbage collector, no
 * ServiceAccounts; sync Jobs are plain objects here, which is all the operator
 * tests need.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ensureBinaries } from '../../support/cluster/binaries.js';
import { apiserverArgs, etcdArgs, type ClusterPorts } from '../../support/cluster/component-args.js';
import { writeCredentials } from '../../support/cluster/credentials.js';
import { writeKubeconfig } from '../../support/cluster/kubeconfig.js';
import { freePorts } from '../../support/cluster/ports.js';
import { probe, waitUntil } from '../../support/cluster/probe.js';
import {
  isRunning,
  logTail,
  startDetached,
  stopProcess,
  type ManagedProcess,
} from '../../support/cluster/processes.js';

export interface PrivateControlPlane {
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  server: string;
  /** Stops kube-apiserver (SIGTERM) and starts it again with the same flags; etcd keeps running. */
  restartApiServer(): Promise<{ downMs: number; startMs: number }>;
  createNamespace(name: string): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

export async function startPrivateControlPlane(): Promise<PrivateControlPlane> {
  const bin = ensureBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'op-faults-kube-'));
  const [etcd, etcdPeer, apiserver] = await freePorts(3);
  const ports: ClusterPorts = {
    etcd: etcd!,
    etcdPeer: etcdPeer!,
    apiserver: apiserver!,
    controllerManager: 0,
  };
  const credentials = writeCredentials(dir);
  const server = `https://127.0.0.1:${ports.apiserver}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, server, credentials.token);
  const log = (name: string) => join(dir, `${name}.log`);

  const waitReady = async (proc: ManagedProcess, url: string, token?: string) =>
    waitUntil(
      async () => {
        if (!isRunning(proc)) throw new Error(`${proc.name} exited:\n${logTail(proc)}`);
        return (await probe(url, token)).status === 200;
      },
      START_TIMEOUT_MS,
      () => `${proc.name} was not ready:\n${logTail(proc)}`,
    );
  const startApiServer = async () => {
    const proc = startDetached(
      'kube-apiserver',
      join(bin, 'kube-apiserver'),
      apiserverArgs(dir, ports, credentials),
      log('kube-apiserver'),
    );
    await waitReady(proc, `${server}/readyz`, credentials.token);
    return proc;
  };

  const etcdProc = startDetached('etcd', join(bin, 'etcd'), etcdArgs(dir, ports), log('etcd'));
  let apiProc: ManagedProcess | undefined;
  const stop = async () => {
    if (apiProc) await stopProcess(apiProc);
    await stopProcess(etcdProc);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(etcdProc, `http://127.0.0.1:${ports.etcd}/health`);
    apiProc = await startApiServer();
  } catch (error) {
    await stop();
    throw error;
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  return {
    kubeconfigPath,
    kubeConfig,
    server,
    stop,
    createNamespace: async (name) => {
      await kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
    },
    restartApiServer: async () => {
      const stopping = Date.now();
      await stopProcess(apiProc!);
      const starting = Date.now();
      apiProc = await startApiServer();
      return { downMs: Date.now() - stopping, startMs: Date.now() - starting };
    },
  };
}
