/**
 * Runs the real `pipedrive-sync` binary as a child process, the way a person
 * or a Kubernetes Job does, and collects its output and exit code.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/pipedrive-sync.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment without the caller's Pipedrive credentials, so tests only see what they pass. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (key.startsWith('PIPEDRIVE_') && key !== 'PIPEDRIVE_OPENAPI_DIR') delete env[key];
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
): {
  child: ChildProcess;
  done: Promise<CliResult>;
  stderrSoFar: () => string;
  stdoutSoFar: () => string;
} {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stderrSoFar: () => stderr, stdoutSoFar: () => stdout };
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return spawnCli(args, env).done;
}

/** Resolves when `read()` matches the pattern (polling output as it streams in). */
export async function waitForOutput(
  read: () => string,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; output so far:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
