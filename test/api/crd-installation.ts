/**
 * Installs the generated CRDs on the local control plane. The CRDs go through
 * CustomObjectsApi (plain JSON) because the typed apiextensions client drops
 * fields it has no model name for, such as x-kubernetes-validations.
 */
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { customResourceDefinitions } from '../../src/api/crds.js';

const crdPath = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions' };

export async function installCrds(kubeConfig: KubeConfig): Promise<void> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  for (const crd of customResourceDefinitions()) {
    const name = (crd.metadata as { name: string }).name;
    const existing = (await api.getClusterCustomObject({ ...crdPath, name }).catch(() => undefined)) as
      { metadata: { resourceVersion: string } } | undefined;
    if (existing) {
      const body = {
        ...crd,
        metadata: { ...(crd.metadata as object), resourceVersion: existing.metadata.resourceVersion },
      };
      await api.replaceClusterCustomObject({ ...crdPath, name, body });
    } else {
      await api.createClusterCustomObject({ ...crdPath, body: crd });
    }
    await waitUntilEstablished(api, name);
  }
}

async function waitUntilEstablished(api: CustomObjectsApi, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const crd = (await api.getClusterCustomObject({ ...crdPath, name })) as {
      status?: { conditions?: { type: string; status: string }[] };
    };
    if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    if (Date.now() > deadline) throw new Error(`CRD ${name} never became Established`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
