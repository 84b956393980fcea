import { readFileSync } from 'node:fs';

/**
 * The image's NODE_OPTIONS (Dockerfile `ENV NODE_OPTIONS=...`), so a bench starts node as a Job's container
 * does: the compiled CLI run (cli-sync.ts) and the load benchmarks' sync and read-only workers
 * (worker-process.ts).
 */
export function imageNodeOptions(): string | undefined {
  const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
  return /^ENV NODE_OPTIONS=(.+)$/m.exec(dockerfile)?.[1]?.trim();
}
