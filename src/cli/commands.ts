import type { Command } from './command.js';

/**
 * The subcommands, loaded lazily so `--help` and light commands do not pay for
 * the database drivers or the Kubernetes client.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: {
    summary: 'Verify the Pipedrive credentials (and, if given, the destination).',
    load: async () => (await import('./check-command.js')).checkCommand,
  },
  discover: {
    summary: 'List the tables and columns a sync would write.',
    load: async () => (await import('./discover-command.js')).discoverCommand,
  },
  sync: {
    summary: 'Copy Pipedrive tables into PostgreSQL, MySQL/MariaDB or SQLite.',
    load: async () => (await import('./sync-command.js')).syncCommand,
  },
  auth: {
    summary: "Connect an account through OAuth ('auth login') and write the tokens as a Secret.",
    load: async () => (await import('./auth-command.js')).authCommand,
  },
  demo: {
    summary: 'Run the whole product on a simulated company into ./pipedrive-demo.db.',
    load: async () => (await import('../demo/demo-command.js')).demoCommand,
  },
  operator: {
    summary: 'Run the Kubernetes operator (PipedriveConnection and SyncJob controllers).',
    load: async () => (await import('../operator/command.js')).operatorCommand,
  },
  simulator: {
    summary: 'Run the Pipedrive API simulator (try and test without a Pipedrive account).',
    load: async () => (await import('../simulator/command.js')).simulatorCommand,
  },
};
