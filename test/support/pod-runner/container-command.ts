import { basename, join } from 'node:path';
import type { V1Container } from '@kubernetes/client-node';

/**
 * What the runner executes for a container: always a Node.js process. `entry` is a path on this
 * machine (the project's CLI), kept apart from `args` because only the container's own arguments
 * are in the container's file system and go through the pod's path mapping: a checkout under a
 * mounted path such as /tmp must not be rewritten into the pod's volume.
 */
export interface ContainerCommand {
  executable: string;
  entry: string[];
  args: string[];
}

/** The project's CLI entry standing in for the image's entrypoint. */
export function projectEntrypoint(repoRoot: string): string {
  return join(repoRoot, 'bin', 'pipedrive-sync.js');
}

/**
 * Maps a container to a local command (pure). There are no images: every image
 * is taken to be the project's, whose entrypoint is `pipedrive-sync`.
 * - no `command`: `node bin/pipedrive-sync.js <args>`
 * - `command[0]` is `pipedrive-sync` or ends with `bin/pipedrive-sync.js`: the same, with the rest of the command
 * - `command[0]` is `node` (a test hook, e.g. `["node", "-e", "process.exit(3)"]`): this machine's node with the rest
 * Anything else cannot run here and is reported as an error.
 */
export function containerCommand(
  container: V1Container,
  repoRoot: string,
  nodeExecutable: string,
): ContainerCommand | { error: string } {
  const command = container.command ?? [];
  const args = container.args ?? [];
  const entry = projectEntrypoint(repoRoot);
  const [first, ...rest] = command;
  if (first === undefined) return { executable: nodeExecutable, entry: [entry], args };
  if (basename(first) === 'pipedrive-sync' || first.endsWith('bin/pipedrive-sync.js')) {
    return { executable: nodeExecutable, entry: [entry], args: [...rest, ...args] };
  }
  if (basename(first) === 'node') return { executable: nodeExecutable, entry: [], args: [...rest, ...args] };
  return {
    error: `the pod runner only runs the project's entrypoint (pipedrive-sync) or node, not '${first}'`,
  };
}
