import type { Command } from './command.js';

/**
 * The subcommands, loaded lazily so `--help` and light commands do not pay for
 * the database drivers or the Kubernetes client.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  simulator: {
    summary: 'Run the Pipedrive API simulator (try and test without a Pipedrive account).',
    load: async () => (await import('../simulator/command.js')).simulatorCommand,
  },
};
