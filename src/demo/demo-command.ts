import type { Command, ParsedOptions } from '../cli/command.js';
import { integerOption } from '../cli/command.js';
import { runDemo } from './demo-run.js';

async function run(options: ParsedOptions): Promise<number> {
  const terminal = process.stderr.isTTY ? process.stderr : undefined;
  return runDemo({
    dbPath: typeof options.db === 'string' ? options.db : './pipedrive-demo.db',
    seed: integerOption(options, 'seed', 1),
    scale: integerOption(options, 'scale', 200, 1, 100_000),
    fresh: options.keep !== true,
    out: process.stdout,
    terminal,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole product on a simulated company into ./pipedrive-demo.db.',
  usage: 'pipedrive-sync demo [--db FILE] [--scale N] [--seed S] [--keep]',
  options: {
    db: {
      type: 'string',
      value: 'FILE',
      description: 'SQLite file to create.',
      default: './pipedrive-demo.db',
    },
    scale: {
      type: 'string',
      value: 'N',
      description: 'Deals in the simulated company (others proportional).',
      default: '200',
    },
    seed: { type: 'string', value: 'S', description: 'Seed of the simulated company.', default: '1' },
    keep: { type: 'boolean', description: 'Keep an existing database file instead of starting fresh.' },
  },
  details: 'Nothing to install and no Pipedrive account needed: the simulator runs inside this process.',
  run,
};
