import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { binDir, REPO_ROOT } from './paths.js';

export const KUBE_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager'] as const;
export type KubeBinary = (typeof KUBE_BINARIES)[number];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function binariesPresent(): boolean {
  return KUBE_BINARIES.every((name) => executable(join(binDir(), name)));
}

/**
 * Returns the directory holding etcd, kube-apiserver and kube-controller-manager,
 * running tools/kube/build.sh first when they are missing (it copies them from the
 * shared cache or builds them once; its progress goes to stderr).
 */
export function ensureBinaries(): string {
  if (binariesPresent()) return binDir();
  const result = spawnSync(join(REPO_ROOT, 'tools/kube/build.sh'), [], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0 || !binariesPresent()) {
    throw new Error(`tools/kube/build.sh failed (exit ${String(result.status)}); see its output above`);
  }
  return binDir();
}
