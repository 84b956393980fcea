/**
 * One `pipedrive-sync sync` process, the way a Kubernetes Job runs it (token
 * in the environment, report file), optionally SIGKILLed the moment a
 * condition polled from outside holds: no cleanup, no flush, like an OOM kill.
 */
import type { CliResult } from '../cli/run-cli.js';
import { cleanEnv, spawnCli } from '../cli/run-cli.js';

export interface SyncTarget {
  apiUrl: string;
  token: string;
  domain: string;
  destination: string;
  tables: string[];
  pageSize: number;
  concurrency: number;
  reportFile: string;
}

export interface ChildOutcome extends CliResult {
  killed: boolean;
  durationMs: number;
}

export function syncArgs(target: SyncTarget): string[] {
  return [
    'sync',
    '--domain',
    target.domain,
    '--api-url',
    target.apiUrl,
    '--destination',
    target.destination,
    '--mode',
    'incremental',
    '--tables',
    target.tables.join(','),
    '--page-size',
    String(target.pageSize),
    '--concurrency',
    String(target.concurrency),
    '--report-file',
    target.reportFile,
  ];
}

/** A kill condition, polled while the child runs; `elapsedMs` counts from the spawn. */
export type KillWhen = (elapsedMs: number) => Promise<boolean> | boolean;

export async function runSyncChild(
  target: SyncTarget,
  killWhen?: KillWhen,
  options: { pollMs?: number; env?: Record<string, string> } = {},
): Promise<ChildOutcome> {
  const started = Date.now();
  const child = spawnCli(syncArgs(target), cleanEnv({ PIPEDRIVE_API_TOKEN: target.token, ...options.env }));
  let killed = false;
  let exited = false;
  void child.done.then(() => (exited = true));
  if (killWhen) {
    while (!exited) {
      await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
      if (exited) break;
      let fire = false;
      try {
        fire = await killWhen(Date.now() - started);
      } catch {
        // A table not created yet or a busy file: ask again at the next poll.
      }
      if (fire && !exited) {
        killed = child.child.kill('SIGKILL');
        break;
      }
    }
  }
  const result = await child.done;
  return { ...result, killed: killed && result.signal === 'SIGKILL', durationMs: Date.now() - started };
}
