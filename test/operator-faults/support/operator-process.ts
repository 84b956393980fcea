/**
 * The operator as a real child process (`node bin/pipedrive-sync.js operator`),
 * the way a Deployment runs it, so a fault can be a real SIGKILL. Leader
 * election is off: one replica, and a restarted process must not wait out the
 * Lease of the one it replaces (handover is tested in test/operator/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { probe } from '../../support/cluster/probe.js';
import { REPO_ROOT } from '../../support/cluster/paths.js';

export interface OperatorProcess {
  child: ChildProcess;
  /** JSON log lines (stderr), parsed. */
  logs: Record<string, unknown>[];
  startedAt: number;
  /** Resolves with the metrics port once /readyz answers 200 (every informer has listed). */
  ready(timeoutMs?: number): Promise<number>;
  /** Sends the signal and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Log lines whose message contains `text`. */
  count(text: string): number;
}

export function startOperatorProcess(options: {
  kubeconfigPath: string;
  namespace: string;
  name: string;
}): OperatorProcess {
  const child = spawn(
    process.execPath,
    [
      'bin/pipedrive-sync.js',
      'operator',
      '--kubeconfig',
      options.kubeconfigPath,
      '--namespace',
      options.namespace,
      '--metrics-port',
      '0',
      '--leader-elect=false',
      '--job-image',
      'pipedrive-sync-operator:faults',
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, POD_NAME: options.name, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const logs: Record<string, unknown>[] = [];
  let partial = '';
  // For diagnosis: OPERATOR_FAULTS_LOG_DIR=/tmp/x keeps every process's log lines.
  const logDir = process.env.OPERATOR_FAULTS_LOG_DIR;
  child.stderr!.on('data', (chunk: Buffer) => {
    if (logDir) appendFileSync(join(logDir, `${options.namespace}-${options.name}.log`), chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ message: line });
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const count = (text: string) => logs.filter((l) => String(l.message).includes(text)).length;
  return {
    child,
    logs,
    startedAt: Date.now(),
    count,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    ready: async (timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const started = logs.find((l) => l.message === 'Started the operator');
        const port = typeof started?.metricsPort === 'number' ? started.metricsPort : undefined;
        if (port && (await probe(`http://127.0.0.1:${port}/readyz`)).status === 200) return port;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`The operator exited (${child.exitCode ?? child.signalCode}): ${tail(logs)}`);
        if (Date.now() > deadline) throw new Error(`The operator was not ready: ${tail(logs)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

function tail(logs: Record<string, unknown>[]): string {
  return logs
    .slice(-8)
    .map((l) => JSON.stringify(l))
    .join('\n');
}
