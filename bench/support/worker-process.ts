import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { imageNodeOptions } from './image-options.js';
import type { WorkerJob, WorkerResult } from './worker-job.js';

/**
 * Runs one job in a fresh sync-worker process and resolves to its result. The sync and the read-only pass get
 * the image's NODE_OPTIONS (the heap cap a Job's sync runs with), so a peak RSS measured here is the one a Job
 * would have; the bare loads and the dump do not (they hold a whole table's rows by design). BENCH_CPU_PROF=DIR profiles each worker (node
 * --cpu-prof); BENCH_WORKER_FLAGS adds node flags to it, e.g. "--trace-gc --max-semi-space-size=64".
 */

const AS_A_JOB = new Set<WorkerJob['kind']>(['sync', 'read']);
const ENTRY = fileURLToPath(new URL('./sync-worker.ts', import.meta.url));

export function runWorker(job: WorkerJob, options: { cpuProfileDir?: string } = {}): Promise<WorkerResult> {
  const profile = options.cpuProfileDir ?? process.env.BENCH_CPU_PROF;
  const execArgv = [
    ...(AS_A_JOB.has(job.kind) ? (imageNodeOptions() ?? '').split(' ').filter(Boolean) : []),
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
