import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';

let ns: TestNamespace;

beforeAll(async () => {
  ns = await createTestNamespace('platform-psa', { 'pod-security.kubernetes.io/enforce': 'restricted' });
});
afterAll(() => ns?.delete());

const aPod = (
  name: string,
  securityContext: NonNullable<V1Pod['spec']>['securityContext'],
  container = {},
): V1Pod => ({
  metadata: { name },
  spec: { securityContext, containers: [{ name: 'c', image: 'pipedrive-sync-operator:dev', ...container }] },
});

describe('Pod Security admission on the local control plane', () => {
  it('rejects a pod that violates the restricted level', async () => {
    const core = ns.kubeConfig.makeApiClient(CoreV1Api);
    const error = await core
      .createNamespacedPod({
        namespace: ns.name,
        body: aPod('privileged', undefined, { securityContext: { privileged: true } }),
      })
      .then(
        () => undefined,
        (e: { code?: number; body?: string }) => e,
      );
    expect(error?.code).toBe(403);
    const status = JSON.parse(String(error?.body)) as { message: string };
    expect(status.message).toContain('violates PodSecurity "restricted:latest"');
    expect(status.message).toContain('securityContext.privileged=true');
  });

  it('admits a pod that meets the restricted level', async () => {
    const core = ns.kubeConfig.makeApiClient(CoreV1Api);
    const pod = aPod(
      'restricted',
      { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
    );
    const created = await core.createNamespacedPod({ namespace: ns.name, body: pod, dryRun: 'All' });
    expect(created.metadata?.name).toBe('restricted');
  });
});
