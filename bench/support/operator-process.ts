import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * `pipedrive-sync operator` as its own process (what a Deployment runs), watching one namespace, so the RSS
 * reported is the operator's alone. Peak RSS is the kernel's high-water mark (VmHWM) for that process.
 */

export interface OperatorProcess {
  metricsUrl: string;
  /** Current and peak RSS in MB. */
  memory(): { rssMb: number; peakRssMb: number };
  /** CPU seconds (user + system) the process used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const BIN = fileURLToPath(new URL('../../bin/pipedrive-sync.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Compiled here, not in dist/: bin/ prefers dist/ when it exists, which would change everyone's runs. */
const COMPILED = fileURLToPath(new URL('../out/dist/', import.meta.url));

/**
 * Compiles src/ the way the image does (tsc, tsconfig.build.json) into bench/out/dist, so the operator runs as
 * plain JavaScript like in its container, without tsx's in-process transpiler. Type errors elsewhere in a
 * tree being edited do not stop tsc from emitting; a missing main.js does.
 */
export async function compileForBench(): Promise<string> {
  rmSync(COMPILED, { recursive: true, force: true });
  await promisify(execFile)(
    'npx',
    ['tsc', '-p', 'tsconfig.build.json', '--outDir', COMPILED, '--sourceMap', 'false'],
    {
      cwd: REPO,
    },
  ).catch(() => undefined);
  const main = `${COMPILED}main.js`;
  if (!existsSync(main)) throw new Error(`tsc did not emit ${main}`);
  return main;
}

/** Runs the compiled CLI's main() with these arguments, as bin/pipedrive-sync.js does with dist/. */
const launcher = (main: string) =>
  `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;

/** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

export async function startOperatorProcess(
  kubeconfig: string,
  namespace: string,
  compiledMain?: string,
): Promise<OperatorProcess> {
  const port = await freePort();
  const entry = compiledMain ? ['--input-type=module', '-e', launcher(compiledMain)] : [BIN];
  // BENCH_OPERATOR_NODE_FLAGS="--heap-prof --max-semi-space-size=4": Node flags for the operator process only.
  const nodeFlags = (process.env.BENCH_OPERATOR_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      ...entry,
      'operator',
      '--kubeconfig',
      kubeconfig,
      '--namespace',
      namespace,
      '--metrics-port',
      String(port),
      '--leader-elect=false',
      '--job-image',
      'pipedrive-sync-operator:bench',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'error' } },
  );
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the operator exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the operator did not become healthy in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = child.pid!;
  return {
    metricsUrl,
    memory: () => ({ rssMb: statusMb(pid, 'VmRSS'), peakRssMb: statusMb(pid, 'VmHWM') }),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Upper bound of the bucket holding quantile `q` of a Prometheus histogram, from /metrics text. */
export function histogramQuantile(
  metrics: string,
  name: string,
  labelMatch: string,
  q: number,
): number | null {
  const buckets = metrics
    .split('\n')
    .filter((l) => l.startsWith(`${name}_bucket{`) && l.includes(labelMatch))
    .map((l) => ({ le: Number(/le="([^"]+)"/.exec(l)?.[1] ?? NaN), n: Number(l.split(' ').pop()) }));
  const total = buckets.at(-1)?.n ?? 0;
  if (total === 0) return null;
  return buckets.find((b) => b.n >= q * total)?.le ?? null;
}

/** Count of a histogram's observations matching a label. */
export function histogramCount(metrics: string, name: string, labelMatch: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}_count{`) && l.includes(labelMatch));
  return line ? Number(line.split(' ').pop()) : 0;
}
