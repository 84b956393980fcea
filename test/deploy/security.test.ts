import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureControlPlane, type ControlPlane } from '../support/cluster/index.js';
import { kubectl, kustomize, podSpecOf, toYamlStream, type KubeObject } from './kubectl.js';

/**
 * A security review of the shipped manifests, as a test: no wildcard RBAC, no Secret write
 * outside the operator-owned token Secrets (enforced by the admission policy on a real API
 * server), restricted pod templates, and sync Jobs without API access.
 */
const OPERATOR_SA = 'system:serviceaccount:pipedrive-sync-system:pipedrive-sync-operator';
const JOB_SA = 'system:serviceaccount:pipedrive-sync-system:pipedrive-sync-job';
const TOKEN_LABEL = 'pipedrive.sync.dev/oauth-token';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

let controlPlane: ControlPlane;
let installed: KubeObject[];
let userNamespace: string;

beforeAll(async () => {
  controlPlane = await ensureControlPlane();
  installed = await kustomize(controlPlane, 'deploy/');
  // Install the cluster-scoped security pieces for real: RBAC, ServiceAccounts and the admission policy.
  const kinds = new Set([
    'Namespace',
    'ServiceAccount',
    'ClusterRole',
    'ClusterRoleBinding',
    'Role',
    'RoleBinding',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
  ]);
  const security = installed.filter((o) => kinds.has(o.kind));
  const namespaces = security.filter((o) => o.kind === 'Namespace');
  await kubectl(
    controlPlane,
    ['apply', '--server-side', '--field-manager=security-test', '--force-conflicts', '-f', '-'],
    toYamlStream(namespaces),
  );
  await kubectl(
    controlPlane,
    ['apply', '--server-side', '--field-manager=security-test', '--force-conflicts', '-f', '-'],
    toYamlStream(security.filter((o) => o.kind !== 'Namespace')),
  );
  userNamespace = `security-${randomBytes(3).toString('hex')}`;
  await kubectl(controlPlane, ['create', 'namespace', userNamespace]);
  await kubectl(controlPlane, [
    '-n',
    userNamespace,
    'create',
    'secret',
    'generic',
    'user-secret',
    '--from-literal=apiToken=user-value',
  ]);
  // The policy is enforced a moment after it is created: wait until a forbidden write is denied.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const denied = await asOperator([
      '-n',
      userNamespace,
      'label',
      'secret',
      'user-secret',
      'probe=1',
      '--overwrite',
    ]).then(
      () => false,
      () => true,
    );
    if (denied) break;
    await asOperator(['-n', userNamespace, 'label', 'secret', 'user-secret', 'probe-']).catch(
      () => undefined,
    );
    if (Date.now() > deadline) throw new Error('the admission policy never took effect');
    await new Promise((r) => setTimeout(r, 500));
  }
});

afterAll(async () => {
  await kubectl(controlPlane, ['delete', 'namespace', userNamespace, '--wait=false']).catch(() => undefined);
  await controlPlane?.stop?.();
});

function asOperator(args: string[]) {
  return kubectl(controlPlane, ['--as', OPERATOR_SA, ...args]);
}

describe('RBAC', () => {
  it('uses no wildcards', () => {
    const roles = installed.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) {
      for (const rule of (role.rules ?? []) as Rule[]) {
        for (const list of [rule.apiGroups, rule.resources, rule.verbs]) {
          expect(list ?? [], `${role.kind}/${role.metadata.name}`).not.toContain('*');
        }
      }
    }
  });

  it('lets the operator read user Secrets', async () => {
    const { stdout } = await asOperator(['-n', userNamespace, 'get', 'secret', 'user-secret', '-o', 'name']);
    expect(stdout.trim()).toBe('secret/user-secret');
  });

  it('denies the operator any write to a user Secret', async () => {
    await expect(
      asOperator(['-n', userNamespace, 'label', 'secret', 'user-secret', 'changed=yes', '--overwrite']),
    ).rejects.toThrow(/only write its own OAuth token Secrets/);
    await expect(asOperator(['-n', userNamespace, 'delete', 'secret', 'user-secret'])).rejects.toThrow(
      /forbidden|denied/i,
    );
    await expect(
      asOperator(['-n', userNamespace, 'create', 'secret', 'generic', 'unlabelled', '--from-literal=a=b']),
    ).rejects.toThrow(/only write its own OAuth token Secrets/);
  });

  it('lets the operator create and update its own token Secrets', async () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'acme-oauth-token', namespace: userNamespace, labels: { [TOKEN_LABEL]: 'true' } },
      stringData: { refreshToken: 'rotated-1' },
    };
    await kubectl(controlPlane, ['--as', OPERATOR_SA, 'create', '-f', '-'], JSON.stringify(secret));
    await asOperator([
      '-n',
      userNamespace,
      'annotate',
      'secret',
      'acme-oauth-token',
      'rotated=2',
      '--overwrite',
    ]);
    // Removing the label would turn it into a Secret the operator may not touch: denied.
    await expect(
      asOperator(['-n', userNamespace, 'label', 'secret', 'acme-oauth-token', `${TOKEN_LABEL}-`]),
    ).rejects.toThrow(/only write its own OAuth token Secrets/);
  });

  it('gives the sync Job ServiceAccount no permissions at all', async () => {
    const { stdout } = await kubectl(controlPlane, [
      'auth',
      'can-i',
      '--list',
      '--as',
      JOB_SA,
      '-n',
      userNamespace,
    ]);
    const rows = stdout
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '');
    // Only the self-review and discovery rules every authenticated user has remain.
    for (const row of rows) {
      // Resource rows name a resource in the first column; allowed are self reviews and bare URLs.
      expect(row, row).toMatch(
        /^(selfsubject[a-z]+\.authorization\.k8s\.io|selfsubjectreviews\.authentication\.k8s\.io|\s+\[\/)/,
      );
    }
  });
});

describe('pod templates', () => {
  it('run as non-root with no privilege escalation and a read-only root filesystem', () => {
    const workloads = installed.filter((o) =>
      ['Deployment', 'Job', 'StatefulSet', 'DaemonSet'].includes(o.kind),
    );
    expect(workloads.length).toBeGreaterThan(0);
    for (const workload of workloads) {
      const spec = podSpecOf(workload) as {
        securityContext?: Record<string, unknown>;
        containers: Record<string, unknown>[];
      };
      expect(spec.securityContext?.runAsNonRoot).toBe(true);
      for (const container of spec.containers) {
        const sc = container.securityContext as Record<string, unknown>;
        expect(sc.allowPrivilegeEscalation).toBe(false);
        expect(sc.readOnlyRootFilesystem).toBe(true);
        expect((sc.capabilities as { drop: string[] }).drop).toContain('ALL');
      }
    }
  });
});
