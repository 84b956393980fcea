import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { SyncMode } from '../../src/sync/contracts.js';
import { imageNodeOptions } from './image-options.js';
import type { SimRef } from './worker-job.js';

/**
 * `pipedrive-sync sync` from compiled JavaScript (compileForBench), as a Job's container runs it (the image's
 * NODE_OPTIONS included), with its peak RSS read from the kernel's high-water mark (VmHWM) every 50 ms until it
 * exits. VmHWM only grows, so the last reading misses at most the final 50 ms of a run that is by then winding
 * down.
 */

export interface CliSyncResult {
  seconds: number;
  peakRssMb: number;
}

function peakMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function runCompiledSync(
  main: string,
  sim: SimRef,
  destination: string,
  tables: string[],
  mode: SyncMode,
  /** Flags for node itself (e.g. --heap-prof, --trace-gc), before the launcher. */
  nodeArgs: string[] = [],
): Promise<CliSyncResult> {
  const launcher = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  const imageOptions = imageNodeOptions();
  const args = ['--domain', sim.companyDomain, '--api-url', sim.url, '--destination', destination];
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--input-type=module',
      '-e',
      launcher,
      'sync',
      ...args,
      '--tables',
      tables.join(','),
      '--mode',
      mode,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        ...(imageOptions ? { NODE_OPTIONS: imageOptions } : {}),
        PIPEDRIVE_API_TOKEN: sim.token,
        LOG_LEVEL: 'warn',
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
  const started = performance.now();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, peakMb(child.pid!) ?? 0)), 50);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ seconds, peakRssMb: peak });
      else reject(new Error(`pipedrive-sync sync exited with ${code}: ${stderr}`));
    });
  });
}
