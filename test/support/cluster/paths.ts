import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location so any cwd works. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The Kubernetes release pinned in tools/kube/go.mod (e.g. v1.36.3). */
export function kubeVersion(): string {
  const goMod = readFileSync(join(REPO_ROOT, 'tools/kube/go.mod'), 'utf8');
  const match = /^\s*k8s\.io\/kubernetes\s+(v\d+\.\d+\.\d+)/m.exec(goMod);
  if (!match?.[1]) throw new Error('Cannot read the k8s.io/kubernetes version from tools/kube/go.mod');
  return match[1];
}

/** Root of everything the local control plane keeps on disk (git-ignored). */
export function cacheRoot(): string {
  return process.env.KUBE_CACHE_DIR ? resolve(process.env.KUBE_CACHE_DIR) : join(REPO_ROOT, '.cache/kube');
}

export function binDir(): string {
  return join(cacheRoot(), kubeVersion(), 'bin');
}

/** Files of the running control plane; `cluster:down` removes `run/` wholesale. */
export const clusterFiles = {
  state: () => join(cacheRoot(), 'state.json'),
  kubeconfig: () => join(cacheRoot(), 'kubeconfig'),
  lock: () => join(cacheRoot(), 'state.lock'),
  users: () => join(cacheRoot(), 'users'),
  run: () => join(cacheRoot(), 'run'),
};
