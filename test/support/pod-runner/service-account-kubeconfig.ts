import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { renderKubeconfig } from '../cluster/kubeconfig.js';

/**
 * In-cluster config reads fixed paths (/var/run/secrets/...) that the runner
 * cannot map. When a pod mounts a service-account token (the automatic
 * `kube-api-access-*` volume, or any projected serviceAccountToken), the runner
 * writes a kubeconfig that uses that token, so `KubeConfig.loadFromDefault()` in
 * the pod talks to the apiserver as the pod's ServiceAccount, RBAC included.
 * Returns the kubeconfig path, or undefined when the pod has no token.
 */
export function writeServiceAccountKubeconfig(
  pod: V1Pod,
  volumeDirs: ReadonlyMap<string, string>,
  podRoot: string,
  server: string | undefined,
): string | undefined {
  if (!server) return undefined;
  for (const volume of pod.spec?.volumes ?? []) {
    const tokenSource = volume.projected?.sources?.find((source) => source.serviceAccountToken);
    const dir = volumeDirs.get(volume.name);
    if (!tokenSource?.serviceAccountToken || dir === undefined) continue;
    const token = readFileSync(join(dir, tokenSource.serviceAccountToken.path), 'utf8');
    const path = join(podRoot, 'serviceaccount.kubeconfig');
    const namespace = pod.metadata?.namespace ?? 'default';
    writeFileSync(path, renderKubeconfig(server, token, namespace), { mode: 0o600 });
    return path;
  }
  return undefined;
}
