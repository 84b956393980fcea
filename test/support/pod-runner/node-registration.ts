import {
  CoordinationV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { rfc3339 } from './pod-status.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const HEARTBEAT_MS = 10_000;

/** A Node object kept Ready by heartbeats (a Lease in kube-node-lease plus the Ready condition). */
export interface RegisteredNode {
  name: string;
  /** Stops the heartbeats; deletes the Node when `remove` is true. */
  stop(remove: boolean): Promise<void>;
}

function nodeStatus(now: Date) {
  const at = rfc3339(now);
  const capacity = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '20Gi' };
  const condition = (type: string, status: string, reason: string) => ({
    type,
    status,
    reason,
    message: `pod runner: ${reason}`,
    lastHeartbeatTime: at,
    lastTransitionTime: at,
  });
  return {
    capacity,
    allocatable: capacity,
    addresses: [
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: 'localhost' },
    ],
    conditions: [
      condition('Ready', 'True', 'KubeletReady'),
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
    ],
    nodeInfo: {
      architecture: process.arch === 'x64' ? 'amd64' : process.arch,
      operatingSystem: 'linux',
      osImage: 'pipedrive-sync pod runner (local processes)',
      kernelVersion: '',
      kubeletVersion: 'pod-runner',
      kubeProxyVersion: '',
      containerRuntimeVersion: `node://${process.version}`,
      machineID: '',
      systemUUID: '',
      bootID: '',
    },
  };
}

/** Registers (or re-registers) a Ready node and keeps its lease and Ready condition fresh. */
export async function registerNode(kubeConfig: KubeConfig, name: string): Promise<RegisteredNode> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const coordination = kubeConfig.makeApiClient(CoordinationV1Api);
  const labels = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'pipedrive-sync.dev/pod-runner': 'true',
  };
  await core.createNode({ body: { metadata: { name, labels } } }).catch((error: { code?: number }) => {
    if (error.code !== 409) throw error;
  });
  // TaintNodesByCondition marks new nodes not-ready; nothing else would ever lift it here.
  await core.patchNode({ name, body: { spec: { taints: null } } }, mergePatch);
  const leaseNamespace = 'kube-node-lease';
  await coordination
    .createNamespacedLease({
      namespace: leaseNamespace,
      body: { metadata: { name }, spec: { holderIdentity: name, leaseDurationSeconds: 40 } },
    })
    .catch((error: { code?: number }) => {
      if (error.code !== 409) throw error;
    });
  const beat = async () => {
    const now = new Date();
    await core.patchNodeStatus({ name, body: { status: nodeStatus(now) } }, mergePatch);
    const renewTime = now.toISOString().replace('Z', '000Z');
    await coordination.patchNamespacedLease(
      { name, namespace: leaseNamespace, body: { spec: { renewTime } } },
      mergePatch,
    );
  };
  await beat();
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  return {
    name,
    stop: async (remove) => {
      clearInterval(timer);
      if (!remove) return;
      await core.deleteNode({ name }).catch(() => undefined);
      await coordination.deleteNamespacedLease({ name, namespace: leaseNamespace }).catch(() => undefined);
    },
  };
}
