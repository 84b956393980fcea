import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';

let ns: TestNamespace;

beforeAll(async () => {
  ns = await createTestNamespace('platform-gc');
});
afterAll(() => ns?.delete());

describe('garbage collection on the local control plane', () => {
  it('deletes the Jobs owned by a deleted owner', async () => {
    const core = ns.kubeConfig.makeApiClient(CoreV1Api);
    const batch = ns.kubeConfig.makeApiClient(BatchV1Api);
    // A ConfigMap stands in for the owning custom resource: the collector treats every kind alike.
    const owner = await core.createNamespacedConfigMap({
      namespace: ns.name,
      body: { metadata: { name: 'owner' } },
    });
    const ownerReferences = [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'owner',
        uid: owner.metadata!.uid!,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
    await batch.createNamespacedJob({
      namespace: ns.name,
      body: {
        metadata: { name: 'owned', ownerReferences },
        // Unlabelled, so the pod runner leaves its pod Pending: only ownership matters here.
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'none' }] } } },
      },
    });
    await core.deleteNamespacedConfigMap({ name: 'owner', namespace: ns.name });
    let remaining = 1;
    for (let i = 0; i < 600 && remaining > 0; i++) {
      remaining = (await batch.listNamespacedJob({ namespace: ns.name })).items.length;
      if (remaining > 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(remaining).toBe(0);
  });
});
