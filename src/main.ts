#!/usr/bin/env node
import { commandHelp, parseCommandArgs, UsageError } from './cli/command.js';
import { COMMANDS } from './cli/commands.js';
import { EXIT_CONFIGURATION, EXIT_TRANSIENT, exitCodeFor, SyncError } from './sync/errors.js';

const NAME = 'pipedrive-sync';

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return [
    `${NAME}: replicate Pipedrive CRM data into PostgreSQL, MySQL/MariaDB or SQLite.`,
    '',
    `Usage: ${NAME} <command> [options]`,
    '',
    'Commands:',
    ...lines,
    '',
    `Run '${NAME} <command> --help' for the options of a command.`,
    '',
  ].join('\n');
}

/** Runs the CLI and returns the exit code; errors become one sentence unless --verbose. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? EXIT_CONFIGURATION : 0;
  }
  if (name === '--version') {
    process.stdout.write('0.1.0\n');
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`Unknown command '${name}'. Run '${NAME} --help' to list the commands.\n`);
    return EXIT_CONFIGURATION;
  }
  const verbose = rest.includes('--verbose');
  try {
    const command = await entry.load();
    const { options, positionals } = parseCommandArgs(command, rest);
    if (options.help) {
      process.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run(options, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${NAME} ${name}: ${error.message}\n`);
      return EXIT_CONFIGURATION;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${NAME} ${name}: ${message}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return error instanceof SyncError ? exitCodeFor(error) : EXIT_TRANSIENT;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${NAME}: ${String(error)}\n`);
      process.exitCode = EXIT_TRANSIENT;
    },
  );
}
