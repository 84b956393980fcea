import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** How a container process ended. */
export interface ProcessExit {
  exitCode: number;
  signal: NodeJS.Signals | null;
}

export interface ContainerProcess {
  pid: number;
  exited: Promise<ProcessExit>;
  /** SIGTERM, then SIGKILL after `graceMs`, to the whole process group. */
  terminate(graceMs: number): Promise<ProcessExit>;
}

/**
 * Runs one container as a local process in its own process group, stdout and
 * stderr appended to `logFile`. Exit codes follow container conventions:
 * a signal becomes 128 + its number (SIGKILL -> 137, SIGTERM -> 143).
 */
export function startContainerProcess(options: {
  executable: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logFile: string;
}): ContainerProcess {
  const fd = openSync(options.logFile, 'a');
  const child = spawn(options.executable, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const exited = new Promise<ProcessExit>((resolveExit) => {
    child.once('error', () => resolveExit({ exitCode: 127, signal: null }));
    child.once('exit', (code, signal) => {
      const signalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGKILL: 9, SIGTERM: 15, SIGINT: 2 };
      resolveExit({ exitCode: code ?? 128 + (signal ? (signalNumbers[signal] ?? 1) : 1), signal });
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    pid: child.pid ?? -1,
    exited,
    terminate: async (graceMs) => {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      signalGroup('SIGKILL');
      return result;
    },
  };
}
