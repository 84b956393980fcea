import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchV1Api, CoreV1Api, type V1Job, type V1Pod } from '@kubernetes/client-node';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';
import {
  POD_RUNNER_LABEL_KEY,
  POD_RUNNER_LABEL_VALUE,
  startPodRunner,
  type RunningPodRunner,
} from '../support/pod-runner/index.js';

let ns: TestNamespace;
let runner: RunningPodRunner;
let batch: BatchV1Api;
let core: CoreV1Api;

beforeAll(async () => {
  ns = await createTestNamespace('platform-job');
  runner = await startPodRunner({ kubeConfig: ns.kubeConfig, namespace: ns.name });
  batch = ns.kubeConfig.makeApiClient(BatchV1Api);
  core = ns.kubeConfig.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await runner?.stop();
  await ns?.delete();
});

function aJob(name: string, container: { command?: string[]; args?: string[] }, backoffLimit = 0): V1Job {
  const labels = { [POD_RUNNER_LABEL_KEY]: POD_RUNNER_LABEL_VALUE };
  return {
    metadata: { name, labels },
    spec: {
      backoffLimit,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'sync', image: 'pipedrive-sync-operator:dev', ...container }],
        },
      },
    },
  };
}

async function waitForJob(name: string, type: 'Complete' | 'Failed'): Promise<V1Job> {
  for (let i = 0; i < 1200; i++) {
    const job = await batch.readNamespacedJob({ name, namespace: ns.name });
    if (job.status?.conditions?.some((c) => c.type === type && c.status === 'True')) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Job ${name} never became ${type}`);
}

async function podsOf(job: string): Promise<V1Pod[]> {
  const list = await core.listNamespacedPod({ namespace: ns.name, labelSelector: `job-name=${job}` });
  return list.items;
}

describe('Jobs run by the local pod runner', () => {
  it('completes a Job whose pod runs the project entrypoint and exits 0', async () => {
    await batch.createNamespacedJob({ namespace: ns.name, body: aJob('version', { args: ['--version'] }) });
    const job = await waitForJob('version', 'Complete');
    expect(job.status?.succeeded).toBe(1);
    const [pod] = await podsOf('version');
    // A cluster-wide runner from `cluster:up --with-pod-runner` may win the bind; both run pods alike.
    expect(pod?.spec?.nodeName).toMatch(/^pod-runner/);
    expect(pod?.status?.phase).toBe('Succeeded');
    expect(pod?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(0);
  });

  it('fails a Job after backoffLimit retries and shows the termination message on the pod', async () => {
    // `node -e` is the runner's test hook: write the termination message, then exit 1.
    const script =
      "require('fs').writeFileSync('/dev/termination-log', 'table deals: boom'); process.exit(1)";
    await batch.createNamespacedJob({
      namespace: ns.name,
      body: aJob('failing', { command: ['node', '-e', script] }, 1),
    });
    const job = await waitForJob('failing', 'Failed');
    expect(job.status?.failed).toBe(2);
    expect(job.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
    const pods = await podsOf('failing');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated;
      expect(pod.status?.phase).toBe('Failed');
      expect(terminated?.exitCode).toBe(1);
      expect(terminated?.message).toBe('table deals: boom');
    }
  });
});
