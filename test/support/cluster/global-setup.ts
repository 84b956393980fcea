import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBinaries } from './binaries.js';
import { releaseControlPlane, RUN_ID_ENV, RUN_PID_ENV } from './index.js';
import { clusterFiles, REPO_ROOT } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the local control plane's admin kubeconfig is (written once a test calls ensureControlPlane). */
    kubeconfigPath: string;
  }
}

/** Test folders known to talk to the local control plane, whatever a scan finds. */
const CLUSTER_TEST_DIRS = ['test/platform', 'test/operator', 'test/deploy', 'test/e2e'];

/** Adds every `test/<dir>` holding a file that imports the harness or the pod runner. */
export function clusterTestDirs(root = join(REPO_ROOT, 'test')): string[] {
  const dirs = new Set(CLUSTER_TEST_DIRS);
  const uses = /support\/(cluster|pod-runner)\//;
  const visit = (dir: string, top: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path, top);
      else if (entry.name.endsWith('.ts') && uses.test(readFileSync(path, 'utf8'))) dirs.add(`test/${top}`);
    }
  };
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'support') visit(join(root, entry.name), entry.name);
  }
  return [...dirs];
}

/** Reads vitest's positional filters from argv; none means every test file is selected. */
export function selectionNeedsCluster(argv: string[], dirs: readonly string[] = CLUSTER_TEST_DIRS): boolean {
  const start = argv.findIndex((arg) => /vitest(\.m?js)?$/.test(arg));
  const args = argv.slice(start + 1).filter((arg) => !['run', 'watch', 'dev', 'related'].includes(arg));
  const filters = args.filter((arg) => !arg.startsWith('-'));
  if (filters.length === 0) return true;
  return filters.some((raw) => {
    const filter = raw.replace(/^\.\//, '').replace(/\/$/, '');
    return dirs.some((dir) => dir.includes(filter) || filter.includes(dir));
  });
}

/**
 * One control plane per test run, started lazily by the first test that calls
 * `ensureControlPlane()` (so runs that need no cluster stay fast) and stopped at
 * the end only if this run started it and no other run still uses it. The
 * binaries are ensured here, outside any hook timeout, when the selection may need them.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const runId = randomUUID();
  process.env[RUN_ID_ENV] = runId;
  process.env[RUN_PID_ENV] = String(process.pid);
  process.env.KUBECONFIG_PATH = clusterFiles.kubeconfig();
  project.provide('kubeconfigPath', clusterFiles.kubeconfig());
  if (selectionNeedsCluster(process.argv, clusterTestDirs())) ensureBinaries();
  return async () => {
    await releaseControlPlane(runId);
  };
}
