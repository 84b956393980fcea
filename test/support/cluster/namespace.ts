import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ensureControlPlane, type ControlPlane } from './index.js';

/** A namespace owned by one test file, with a client config for the control plane. */
export interface TestNamespace {
  name: string;
  kubeConfig: KubeConfig;
  controlPlane: ControlPlane;
  /** Deletes the namespace (the namespace controller removes its contents in the background). */
  delete(): Promise<void>;
}

export function loadKubeConfig(controlPlane: ControlPlane): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(controlPlane.kubeconfigPath);
  return kubeConfig;
}

/**
 * Creates `<prefix>-<random>` on the local control plane (starting it if needed)
 * and waits for its `default` ServiceAccount, without which pods are rejected.
 *
 * @example
 * let ns: TestNamespace;
 * beforeAll(async () => { ns = await createTestNamespace('jobs'); });
 * afterAll(() => ns.delete());
 */
export async function createTestNamespace(
  prefix: string,
  labels: Record<string, string> = {},
): Promise<TestNamespace> {
  const controlPlane = await ensureControlPlane();
  const kubeConfig = loadKubeConfig(controlPlane);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const name = `${prefix}-${randomBytes(3).toString('hex')}`.toLowerCase();
  await core.createNamespace({
    body: { metadata: { name, labels: { 'pipedrive-sync.dev/test-namespace': 'true', ...labels } } },
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      break;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`ServiceAccount default never appeared in ${name}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    name,
    kubeConfig,
    controlPlane,
    delete: async () => {
      await core.deleteNamespace({ name }).catch(() => undefined);
    },
  };
}
