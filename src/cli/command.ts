import { parseArgs } from 'node:util';

/** One option of a subcommand, as `node:util.parseArgs` understands it plus help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** Placeholder shown in help, e.g. URL or N. */
  value?: string;
  description: string;
  /** A default shown in --help but applied by the command, after a --config file had its say. */
  defaultText?: string;
  /** Accepted by the parser but left out of --help (options we only reject with an explanation). */
  hidden?: boolean;
}

export type ParsedOptions = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** A `pipedrive-sync` subcommand. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** Extra help text printed after the options (examples, environment variables). */
  details?: string;
  run(options: ParsedOptions, positionals: string[]): Promise<number>;
}

/** Thrown for bad command-line input; printed as one sentence, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMON: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
  verbose: { type: 'boolean', description: 'Print debug logs and stack traces.' },
};

export function parseCommandArgs(
  command: Command,
  argv: string[],
): { options: ParsedOptions; positionals: string[] } {
  const all = { ...COMMON, ...command.options };
  const spec = Object.fromEntries(
    Object.entries(all).map(([name, o]) => [
      name,
      // parseArgs rejects keys present with an undefined value, so only set what is defined.
      Object.fromEntries(
        Object.entries({ type: o.type, short: o.short, multiple: o.multiple, default: o.default }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
    ]),
  ) as unknown as NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: spec,
      allowPositionals: true,
      strict: true,
    });
    return { options: values as ParsedOptions, positionals };
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}. Run 'pipedrive-sync ${command.name} --help'.`,
    );
  }
}

export function commandHelp(command: Command): string {
  const all = { ...command.options, ...COMMON };
  const flags = Object.entries(all)
    .filter(([, o]) => !o.hidden)
    .map(([name, o]) => ({
      flag: `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
      text: `${o.description}${o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : o.defaultText ? ` (default: ${o.defaultText})` : ''}`,
    }));
  const width = Math.max(...flags.map((f) => f.flag.length));
  const rows = flags.map((f) => `  ${f.flag.padEnd(width)}  ${f.text}`);
  return [
    `${command.summary}`,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...rows,
    ...(command.details ? ['', command.details.trimEnd()] : []),
    '',
  ].join('\n');
}

/** Reads a string option, with a clear error when it is required and absent. */
export function stringOption(options: ParsedOptions, name: string, required: true): string;
export function stringOption(options: ParsedOptions, name: string, required?: false): string | undefined;
export function stringOption(options: ParsedOptions, name: string, required = false): string | undefined {
  const value = options[name];
  if (typeof value === 'string' && value !== '') return value;
  if (required) throw new UsageError(`Missing --${name}.`);
  return undefined;
}

/** Reads an integer option within bounds. */
export function integerOption(
  options: ParsedOptions,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got '${String(raw)}'.`);
  }
  return value;
}
