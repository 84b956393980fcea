import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureControlPlane, type ControlPlane } from '../support/cluster/index.js';
import { kubectl, kustomize, podSpecOf, toYamlStream, type KubeObject } from './kubectl.js';

/**
 * The shipped manifests against a real kube-apiserver: everything `kubectl apply -k` would send
 * is accepted by server-side dry run, and every pod template passes the restricted Pod Security
 * level. Prometheus Operator kinds are checked in prometheus.test.ts (their CRDs are not here).
 */
const MONITORING_GROUP = 'monitoring.coreos.com/';
const isMonitoring = (o: KubeObject) => o.apiVersion.startsWith(MONITORING_GROUP);

let controlPlane: ControlPlane;

async function ensureNamespace(name: string, labels: Record<string, string> = {}): Promise<void> {
  const manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
  await kubectl(
    controlPlane,
    ['apply', '--server-side', '--field-manager=deploy-test', '-f', '-'],
    JSON.stringify(manifest),
  );
}

async function dryRun(objects: KubeObject[]): Promise<string> {
  const { stdout } = await kubectl(
    controlPlane,
    [
      'apply',
      '--dry-run=server',
      '--server-side',
      '--force-conflicts',
      '--field-manager=deploy-test',
      '-f',
      '-',
    ],
    toYamlStream(objects),
  );
  return stdout;
}

/** Creates a Pod from a pod template with dry run in a namespace that enforces `restricted`. */
async function admitAsRestrictedPod(
  namespace: string,
  podSpec: Record<string, unknown>,
  name: string,
): Promise<void> {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    // Pod Security does not look at the ServiceAccount, which exists only in the install's namespace.
    spec: { ...podSpec, serviceAccountName: undefined },
  };
  await kubectl(controlPlane, ['create', '--dry-run=server', '-f', '-'], JSON.stringify(pod));
}

beforeAll(async () => {
  controlPlane = await ensureControlPlane();
  // CRDs are applied for real: custom resources in the same dry run need them to exist.
  const crds = (await kustomize(controlPlane, 'deploy/crds')).filter(
    (o) => o.kind === 'CustomResourceDefinition',
  );
  await kubectl(
    controlPlane,
    ['apply', '--server-side', '--field-manager=deploy-test', '--force-conflicts', '-f', '-'],
    toYamlStream(crds),
  );
  await kubectl(controlPlane, [
    'wait',
    '--for=condition=Established',
    '--timeout=60s',
    ...crds.map((c) => `crd/${c.metadata.name}`),
  ]);
  // Namespaces are created for real: a dry-run namespace does not exist for the objects inside it.
  await ensureNamespace('pipedrive-sync-system', { 'pod-security.kubernetes.io/enforce': 'restricted' });
  await ensureNamespace('sales-data', { 'pod-security.kubernetes.io/enforce': 'restricted' });
});

afterAll(async () => {
  await controlPlane?.stop?.();
});

describe('kubectl apply --dry-run=server', () => {
  it.each([['deploy/'], ['deploy/overlays/namespaced'], ['deploy/samples']])(
    'accepts everything in %s',
    async (dir) => {
      const objects = (await kustomize(controlPlane, dir)).filter((o) => !isMonitoring(o));
      expect(objects.length).toBeGreaterThan(0);
      const out = await dryRun(objects);
      for (const o of objects) expect(out).toContain(o.metadata.name);
    },
  );

  it('installs the kinds a platform team expects', async () => {
    const kinds = new Set((await kustomize(controlPlane, 'deploy/')).map((o) => o.kind));
    for (const kind of [
      'CustomResourceDefinition',
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'Deployment',
      'Service',
      'ServiceMonitor',
      'PrometheusRule',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'ValidatingAdmissionPolicy',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('orders CRDs before everything else for Argo CD (sync waves)', async () => {
    const objects = await kustomize(controlPlane, 'deploy/');
    const wave = (o: KubeObject) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? '0');
    const crdWave = Math.max(...objects.filter((o) => o.kind === 'CustomResourceDefinition').map(wave));
    const others = objects.filter((o) => o.kind !== 'CustomResourceDefinition');
    expect(Math.min(...others.map(wave))).toBeGreaterThan(crdWave);
  });
});

describe('Pod Security: restricted', () => {
  it('admits the operator pod template in a namespace enforcing restricted', async () => {
    for (const dir of ['deploy/', 'deploy/overlays/namespaced']) {
      const deployment = (await kustomize(controlPlane, dir)).find((o) => o.kind === 'Deployment');
      expect(deployment, dir).toBeDefined();
      await admitAsRestrictedPod('sales-data', podSpecOf(deployment as KubeObject), 'operator-pod-check');
    }
  });

  it('rejects a pod that breaks restricted (the check can fail)', async () => {
    await expect(
      admitAsRestrictedPod(
        'sales-data',
        { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] },
        'bad-pod-check',
      ),
    ).rejects.toThrow(/violates PodSecurity "restricted/);
  });
});
