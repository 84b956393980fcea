import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pidAlive } from './file-lock.js';
import { clusterFiles } from './paths.js';

/*
 * Several test runs (and several people in one working tree) may share one control
 * plane. Each run using it leaves a file `users/<runId>` holding the pid of its
 * long-lived process; a control plane started by tests is stopped by the last
 * live user, never under another run's feet.
 */

export function registerUser(runId: string, pid: number): void {
  mkdirSync(clusterFiles.users(), { recursive: true });
  writeFileSync(join(clusterFiles.users(), runId), String(pid));
}

export function unregisterUser(runId: string): boolean {
  const path = join(clusterFiles.users(), runId);
  try {
    readFileSync(path);
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return true;
}

/** Run ids of users whose process is still alive; dead entries are removed. */
export function liveUsers(): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(clusterFiles.users());
  } catch {
    return [];
  }
  return names.filter((name) => {
    const path = join(clusterFiles.users(), name);
    const pid = Number(readFileSync(path, 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) return true;
    rmSync(path, { force: true });
    return false;
  });
}

export function clearUsers(): void {
  rmSync(clusterFiles.users(), { recursive: true, force: true });
}
