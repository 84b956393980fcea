import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** A background process of the control plane, identified well enough to stop it safely later. */
export interface ManagedProcess {
  name: string;
  pid: number;
  /** Executable path, checked against /proc before signalling so a recycled pid is never killed. */
  command: string;
  log: string;
}

/**
 * Starts a detached process whose output goes to a log file, so it outlives the
 * command that started it (`cluster:up`) and never blocks the caller's stdio.
 */
export function startDetached(name: string, command: string, args: string[], log: string): ManagedProcess {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
    child.unref();
    return { name, pid: child.pid, command, log };
  } finally {
    closeSync(fd);
  }
}

/** True when the pid is alive and still runs the same executable. */
export function isRunning(proc: ManagedProcess): boolean {
  try {
    const cmdline = readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    return cmdline.split('\0').some((part) => part === proc.command) && !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
export async function stopProcess(proc: ManagedProcess, graceMs = 10_000): Promise<void> {
  if (!isRunning(proc)) return;
  process.kill(proc.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(proc) && Date.now() < deadline) await sleep(100);
  if (isRunning(proc)) {
    process.kill(proc.pid, 'SIGKILL');
    while (isRunning(proc)) await sleep(50);
  }
}

/** The last lines of a process log, for error messages when a component fails to start. */
export function logTail(proc: ManagedProcess, lines = 15): string {
  try {
    return readFileSync(proc.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
