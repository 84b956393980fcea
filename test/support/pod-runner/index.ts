import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, makeInformer, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { clusterFiles, REPO_ROOT } from '../cluster/paths.js';
import { registerNode } from './node-registration.js';
import { PodExecution } from './pod-execution.js';

/** Only pods carrying this label are bound and run; everything else stays Pending. */
export const POD_RUNNER_LABEL_KEY = 'app.kubernetes.io/part-of';
export const POD_RUNNER_LABEL_VALUE = 'pipedrive-sync-operator';
export const POD_RUNNER_SELECTOR = `${POD_RUNNER_LABEL_KEY}=${POD_RUNNER_LABEL_VALUE}`;

export interface PodRunnerOptions {
  kubeConfig: KubeConfig;
  /** Watch one namespace only (tests); all namespaces when omitted. */
  namespace?: string;
  /** Default `pod-runner-<namespace>` or `pod-runner`. */
  nodeName?: string;
  /** Where pod directories go; default a fresh temp dir, removed on stop. */
  workDir?: string;
  /** Parent of the PersistentVolumeClaim directories; default `.cache/kube/run/volumes` (lives as long as the control plane). */
  claimsDir?: string;
  /** Delete the Node on stop (default true for a namespace runner). */
  removeNodeOnStop?: boolean;
  log?: (line: string) => void;
}

export interface RunningPodRunner {
  nodeName: string;
  workDir: string;
  claimsDir: string;
  stop(): Promise<void>;
}

const terminal = (pod: V1Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * Starts the local pod runner: a stand-in for the kubelet that runs labelled
 * pods as local Node.js processes (tests and development only; see
 * docs/local-control-plane.md for what it does not do).
 *
 * @example
 * const runner = await startPodRunner({ kubeConfig: ns.kubeConfig, namespace: ns.name });
 * afterAll(() => runner.stop());
 */
export async function startPodRunner(options: PodRunnerOptions): Promise<RunningPodRunner> {
  const { kubeConfig, namespace } = options;
  const log = options.log ?? (() => undefined);
  const nodeName = options.nodeName ?? (namespace ? `pod-runner-${namespace}` : 'pod-runner');
  const ownWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), `${nodeName}-`));
  const claimsDir = options.claimsDir ?? join(clusterFiles.run(), 'volumes');
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const node = await registerNode(kubeConfig, nodeName);
  const executions = new Map<string, { execution: PodExecution; root: string }>();
  const binding = new Set<string>();

  const bind = (pod: V1Pod) => {
    const { name, namespace: ns, uid } = pod.metadata!;
    binding.add(uid!);
    core
      .createNamespacedPodBinding({
        name: name!,
        namespace: ns!,
        body: {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: name!, namespace: ns! },
          target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
        },
      })
      .then(
        () => log(`Bound pod ${ns}/${name} to ${nodeName}`),
        (error: unknown) => {
          binding.delete(uid!);
          log(`Could not bind pod ${ns}/${name}: ${String(error)}`);
        },
      );
  };

  const deleteNow = (pod: V1Pod) =>
    core
      .deleteNamespacedPod({
        name: pod.metadata!.name!,
        namespace: pod.metadata!.namespace!,
        gracePeriodSeconds: 0,
      })
      .catch(() => undefined);

  const onPod = (pod: V1Pod) => {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    if (!pod.spec?.nodeName) {
      if (!pod.metadata?.deletionTimestamp && !binding.has(uid)) bind(pod);
      return;
    }
    if (pod.spec.nodeName !== nodeName) return;
    const tracked = executions.get(uid);
    if (pod.metadata?.deletionTimestamp) {
      if (!tracked) return void deleteNow(pod);
      const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      tracked.execution.stop({ reason: 'Deleted', message: 'The pod was deleted', graceMs });
      void tracked.execution.finished.then(() => deleteNow(pod));
      return;
    }
    if (tracked || terminal(pod)) return;
    const root = join(workDir, pod.metadata!.namespace!, `${pod.metadata!.name!}-${uid.slice(0, 8)}`);
    log(`Starting pod ${pod.metadata!.namespace}/${pod.metadata!.name} in ${root}`);
    const execution = new PodExecution(pod, {
      core,
      repoRoot: REPO_ROOT,
      podRoot: root,
      claimsRoot: claimsDir,
      nodeExecutable: process.execPath,
      apiServer: kubeConfig.getCurrentCluster()?.server,
    });
    executions.set(uid, { execution, root });
    void execution.finished.then((phase) =>
      log(`Pod ${pod.metadata!.namespace}/${pod.metadata!.name} ${phase}`),
    );
  };

  const onDelete = (pod: V1Pod) => {
    const uid = pod.metadata?.uid;
    const tracked = uid ? executions.get(uid) : undefined;
    if (!uid || !tracked) return;
    executions.delete(uid);
    tracked.execution.stop({ reason: 'Deleted', message: 'The pod was deleted', graceMs: 0 });
    void tracked.execution.finished.then(() => rmSync(tracked.root, { recursive: true, force: true }));
  };

  const path = namespace ? `/api/v1/namespaces/${namespace}/pods` : '/api/v1/pods';
  const list = () =>
    namespace
      ? core.listNamespacedPod({ namespace, labelSelector: POD_RUNNER_SELECTOR })
      : core.listPodForAllNamespaces({ labelSelector: POD_RUNNER_SELECTOR });
  const informer = makeInformer(kubeConfig, path, list, POD_RUNNER_SELECTOR);
  let stopping = false;
  informer.on('add', onPod);
  informer.on('update', onPod);
  informer.on('delete', onDelete);
  // client-node 1.4 informers stop for good on any error: restart them ourselves.
  informer.on('error', () => {
    if (!stopping) setTimeout(() => void informer.start().catch(() => undefined), 1000);
  });
  await informer.start();
  // Retries what failed transiently (a bind) without waiting for the next change.
  const resync = setInterval(() => informer.list().forEach(onPod), 5000);

  return {
    nodeName,
    workDir,
    claimsDir,
    stop: async () => {
      stopping = true;
      clearInterval(resync);
      await informer.stop();
      for (const { execution } of executions.values()) {
        execution.stop({ reason: 'Deleted', message: 'The pod runner stopped', graceMs: 2000 });
      }
      await Promise.all(
        [...executions.values()].map(({ execution }) => execution.finished.catch(() => undefined)),
      );
      await node.stop(options.removeNodeOnStop ?? namespace !== undefined);
      if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
    },
  };
}
