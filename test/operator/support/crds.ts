/**
 * Installs the project's CRDs with a raw server-side apply. Not through the
 * typed ApiextensionsV1Api: client-node's serializer maps schema keys to its
 * own property names and silently drops `default` and `x-kubernetes-*` keys
 * written the Kubernetes way, which would install CRDs without defaults or
 * CEL rules.
 */
import { readFileSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import fetch from 'cross-fetch';
import { parse } from 'yaml';
import { fetchOptions } from '../../../src/kube/fetch-options.js';

const CRD_FILES = [
  'deploy/crds/pipedrive.sync.dev_pipedriveconnections.yaml',
  'deploy/crds/pipedrive.sync.dev_syncjobs.yaml',
];

async function request(
  kubeConfig: KubeConfig,
  method: string,
  path: string,
  body?: unknown,
  contentType?: string,
) {
  const server = kubeConfig.getCurrentCluster()!.server;
  const { headers, ...init } = await fetchOptions(
    kubeConfig,
    contentType ? { 'Content-Type': contentType } : {},
  );
  const response = await fetch(`${server}${path}`, {
    ...init,
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as { status?: { conditions?: { type: string; status: string }[] } };
}

/** Applies the CRDs and waits until the API server serves them. */
export async function installCrds(kubeConfig: KubeConfig): Promise<void> {
  for (const file of CRD_FILES) {
    const body = parse(readFileSync(file, 'utf8')) as { metadata: { name: string } };
    const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${body.metadata.name}`;
    await request(
      kubeConfig,
      'PATCH',
      `${path}?fieldManager=pipedrive-sync-tests&force=true`,
      body,
      'application/apply-patch+yaml',
    );
    for (const deadline = Date.now() + 30_000; ;) {
      const crd = await request(kubeConfig, 'GET', path);
      if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${body.metadata.name} never became Established`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
