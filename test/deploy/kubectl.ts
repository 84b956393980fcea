import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import type { ControlPlane } from '../support/cluster/index.js';

const run = promisify(execFile);

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

/** Runs kubectl against the local control plane; rejects with kubectl's stderr. */
export async function kubectl(
  controlPlane: ControlPlane,
  args: string[],
  input?: string,
): Promise<{ stdout: string; stderr: string }> {
  const child = run('kubectl', ['--kubeconfig', controlPlane.kubeconfigPath, ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    return await child;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`kubectl ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/** Renders a kustomization with kubectl's built-in kustomize. */
export async function kustomize(controlPlane: ControlPlane, dir: string): Promise<KubeObject[]> {
  const { stdout } = await kubectl(controlPlane, ['kustomize', dir]);
  return parseManifests(stdout);
}

export function parseManifests(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object' && 'kind' in o);
}

export function toYamlStream(objects: KubeObject[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}

/** The pod template of a workload object (Deployment, Job), or the pod itself. */
export function podSpecOf(object: KubeObject): Record<string, unknown> & {
  containers: Record<string, unknown>[];
} {
  const spec = object.spec as Record<string, unknown>;
  if (object.kind === 'Pod') return spec as never;
  return ((spec.template as Record<string, unknown>).spec ?? {}) as never;
}
