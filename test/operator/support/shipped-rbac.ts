/**
 * Runs the operator under test with exactly the RBAC `kubectl apply -k deploy/`
 * installs: the ServiceAccount, its ClusterRole and Role bindings and the
 * admission policy on token Secrets are rendered from deploy/ and applied,
 * and the operator authenticates with a real token of its ServiceAccount
 * (TokenRequest API), so a permission the manifests lack fails the test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { kubectl, kustomize, toYamlStream } from '../../deploy/kubectl.js';
import type { ControlPlane } from '../../support/cluster/index.js';

export const OPERATOR_NAMESPACE = 'pipedrive-sync-system';
export const OPERATOR_SERVICE_ACCOUNT = 'pipedrive-sync-operator';

const SECURITY_KINDS = new Set([
  'Namespace',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
]);

let installing: Promise<void> | undefined;

/** Applies the shipped security objects once per test process (server-side apply: idempotent, parallel-safe). */
export function installShippedRbac(controlPlane: ControlPlane): Promise<void> {
  installing ??= (async () => {
    const objects = (await kustomize(controlPlane, 'deploy/')).filter((o) => SECURITY_KINDS.has(o.kind));
    const apply = ['apply', '--server-side', '--field-manager=operator-e2e', '--force-conflicts', '-f', '-'];
    await kubectl(controlPlane, apply, toYamlStream(objects.filter((o) => o.kind === 'Namespace')));
    await kubectl(controlPlane, apply, toYamlStream(objects.filter((o) => o.kind !== 'Namespace')));
  })();
  return installing;
}

export interface OperatorIdentity {
  /** Authenticates as system:serviceaccount:pipedrive-sync-system:pipedrive-sync-operator. */
  kubeConfig: k8s.KubeConfig;
  /** The same, as a kubeconfig file for operator processes. */
  kubeconfigPath: string;
  remove(): void;
}

/** A KubeConfig carrying a freshly minted token of the operator's ServiceAccount. */
export async function operatorIdentity(admin: k8s.KubeConfig): Promise<OperatorIdentity> {
  const request = await admin.makeApiClient(k8s.CoreV1Api).createNamespacedServiceAccountToken({
    name: OPERATOR_SERVICE_ACCOUNT,
    namespace: OPERATOR_NAMESPACE,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status?.token;
  if (!token) throw new Error('the TokenRequest returned no token');
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error('the admin kubeconfig has no current cluster');
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ name: OPERATOR_SERVICE_ACCOUNT, token }],
    contexts: [{ name: OPERATOR_SERVICE_ACCOUNT, cluster: cluster.name, user: OPERATOR_SERVICE_ACCOUNT }],
    currentContext: OPERATOR_SERVICE_ACCOUNT,
  });
  const dir = mkdtempSync(join(tmpdir(), 'operator-sa-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeConfig.exportConfig(), { mode: 0o600 });
  return { kubeConfig, kubeconfigPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The admission policy is enforced a moment after it is created: waits until
 * it denies the operator an unlabelled Secret in `namespace`, so a token
 * Secret without the label fails the tests instead of slipping through.
 */
export async function waitForSecretPolicy(
  operator: k8s.KubeConfig,
  admin: k8s.KubeConfig,
  namespace: string,
): Promise<void> {
  const asOperator = operator.makeApiClient(k8s.CoreV1Api);
  const asAdmin = admin.makeApiClient(k8s.CoreV1Api);
  const name = 'admission-policy-probe';
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await asOperator.createNamespacedSecret({
        namespace,
        body: { metadata: { name }, stringData: { a: 'b' } },
      });
      await asAdmin.deleteNamespacedSecret({ namespace, name });
    } catch (error) {
      if (
        String((error as { body?: unknown }).body ?? error).includes('only write its own OAuth token Secrets')
      )
        return;
      throw error;
    }
    if (Date.now() > deadline) throw new Error('the token Secret admission policy never took effect');
    await new Promise((r) => setTimeout(r, 250));
  }
}
