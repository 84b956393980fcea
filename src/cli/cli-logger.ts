import type { Logger } from '../observability/logger.js';
import { createLogger } from '../observability/logger.js';
import type { ParsedOptions } from './command.js';

/** The logger of a CLI command: debug with --verbose, text at a terminal, JSON otherwise. */
export function cliLogger(options: ParsedOptions): Logger {
  return createLogger({ level: options.verbose ? 'debug' : undefined });
}
