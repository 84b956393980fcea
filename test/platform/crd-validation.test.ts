import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';

const group = 'platform-test.pipedrive.sync.dev';
const plural = 'widgets';
const crdName = `${plural}.${group}`;

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: crdName },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural, singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: { min: { type: 'integer' }, max: { type: 'integer' } },
                // Typed client-node APIs serialise model fields by name: 'x-kubernetes-validations' would be dropped silently.
                x_kubernetes_validations: [
                  { rule: 'self.min <= self.max', message: 'min must not exceed max' },
                ],
              },
              status: { type: 'object', properties: { seen: { type: 'integer' } } },
            },
          },
        },
      },
    ],
  },
};

let ns: TestNamespace;
let objects: CustomObjectsApi;

async function waitForServed(): Promise<void> {
  const extensions = ns.kubeConfig.makeApiClient(ApiextensionsV1Api);
  for (let i = 0; i < 300; i++) {
    const current = await extensions.readCustomResourceDefinition({ name: crdName });
    const established = current.status?.conditions?.some(
      (c) => c.type === 'Established' && c.status === 'True',
    );
    if (established) {
      const listed = await objects
        .listNamespacedCustomObject({ group, version: 'v1', namespace: ns.name, plural })
        .then(() => true)
        .catch(() => false);
      if (listed) return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${crdName} was never served`);
}

beforeAll(async () => {
  ns = await createTestNamespace('platform-crd');
  objects = ns.kubeConfig.makeApiClient(CustomObjectsApi);
  const extensions = ns.kubeConfig.makeApiClient(ApiextensionsV1Api);
  await extensions.createCustomResourceDefinition({ body: crd }).catch((error: { code?: number }) => {
    if (error.code !== 409) throw error;
  });
  await waitForServed();
});
afterAll(async () => {
  await ns.kubeConfig
    .makeApiClient(ApiextensionsV1Api)
    .deleteCustomResourceDefinition({ name: crdName })
    .catch(() => undefined);
  await ns.delete();
});

describe('custom resources on the local control plane', () => {
  it('rejects an object breaking a CEL rule with the rule message', async () => {
    const body = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'bad' },
      spec: { min: 5, max: 1 },
    };
    const error = await objects
      .createNamespacedCustomObject({ group, version: 'v1', namespace: ns.name, plural, body })
      .then(
        () => undefined,
        (e: { code?: number; body?: string }) => e,
      );
    expect(error?.code).toBe(422);
    expect(String(error?.body)).toContain('min must not exceed max');
  });

  it('keeps generation when only the status subresource changes', async () => {
    const body = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'good' },
      spec: { min: 1, max: 5 },
    };
    const created = (await objects.createNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: ns.name,
      plural,
      body,
    })) as {
      metadata: { generation: number };
    };
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const afterStatus = (await objects.patchNamespacedCustomObjectStatus(
      { group, version: 'v1', namespace: ns.name, plural, name: 'good', body: { status: { seen: 1 } } },
      merge,
    )) as { metadata: { generation: number }; status: { seen: number } };
    expect(afterStatus.status.seen).toBe(1);
    expect(afterStatus.metadata.generation).toBe(created.metadata.generation);
    const afterSpec = (await objects.patchNamespacedCustomObject(
      { group, version: 'v1', namespace: ns.name, plural, name: 'good', body: { spec: { max: 6 } } },
      merge,
    )) as { metadata: { generation: number } };
    expect(afterSpec.metadata.generation).toBe(created.metadata.generation + 1);
  });
});
