import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerJob, WorkerResult } from './worker-job.js';

/**
 * Runs one job in a fresh sync-worker process and resolves to its result. BENCH_CPU_PROF=DIR profiles each
 * worker (node --cpu-prof); BENCH_WORKER_FLAGS adds node flags to it, e.g. "--trace-gc --max-semi-space-size=64".
 */

const ENTRY = fileURLToPath(new URL('./sync-worker.ts', import.meta.url));

export function runWorker(job: WorkerJob, options: { cpuProfileDir?: string } = {}): Promise<WorkerResult> {
  const profile = options.cpuProfileDir ?? process.env.BENCH_CPU_PROF;
  const execArgv = [
    '--import',
    'tsx',
    ...(process.env.BENCH_WORKER_FLAGS ?? '').split(' ').filter(Boolean),
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      execArgv,
      env: { ...process.env, BENCH_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.on('message', (message: { result?: WorkerResult; failed?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`${job.kind} worker failed: ${message.failed ?? 'no result'}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`${job.kind} worker exited with ${code} without a result`));
    });
  });
}
