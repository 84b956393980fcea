import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/**
 * Renders an admin kubeconfig for the local apiserver. TLS verification is skipped
 * because the apiserver serves a self-signed loopback certificate generated at start.
 */
export function renderKubeconfig(server: string, token: string, namespace = 'default'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'admin', user: { token } }],
    contexts: [{ name: 'local', context: { cluster: 'local', user: 'admin', namespace } }],
    'current-context': 'local',
  });
}

export function writeKubeconfig(path: string, server: string, token: string): void {
  writeFileSync(path, renderKubeconfig(server, token), { mode: 0o600 });
}
