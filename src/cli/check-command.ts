import { createConnector } from '../connector/index.js';
import { createDestination } from '../destinations/index.js';
import { EXIT_CONFIGURATION, EXIT_OK, EXIT_TRANSIENT } from '../sync/errors.js';
import type { CheckResultFailed } from '../sync/contracts.js';
import { cliLogger } from './cli-logger.js';
import type { Command, ParsedOptions } from './command.js';
import { CONNECTION_OPTIONS, connectorConfigFrom, CREDENTIALS_HELP } from './connection-options.js';
import { DESTINATION_OPTIONS, destinationUrlFrom } from './destination-options.js';

/** Rate limits and outages pass; everything else needs a person to fix it. */
const TRANSIENT_REASONS: ReadonlySet<CheckResultFailed['reason']> = new Set([
  'RateLimited',
  'ApiUnavailable',
]);

async function run(options: ParsedOptions): Promise<number> {
  const logger = cliLogger(options);
  const source = createConnector(await connectorConfigFrom(options, process.env, logger));
  const result = await source.check();
  if (!result.ok) {
    process.stderr.write(`Pipedrive check failed (${result.reason}): ${result.message}\n`);
    return TRANSIENT_REASONS.has(result.reason) ? EXIT_TRANSIENT : EXIT_CONFIGURATION;
  }
  const a = result.account;
  const user = a.userEmail ? `${a.userName} <${a.userEmail}>` : a.userName;
  process.stdout.write(
    `Authenticated as ${user} in ${a.companyName} (${a.companyDomain}, company ${a.companyId}).\n`,
  );

  const url = await destinationUrlFrom(options, process.env);
  if (url !== undefined) {
    const prefix = typeof options['table-prefix'] === 'string' ? options['table-prefix'] : undefined;
    const destination = await createDestination(url, { tablePrefix: prefix, logger });
    try {
      await destination.check();
      process.stdout.write('Destination is reachable and writable.\n');
    } finally {
      await destination.close();
    }
  }
  return EXIT_OK;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Verify the Pipedrive credentials (and, if given, the destination).',
  usage: 'pipedrive-sync check --domain NAME [--destination URL] [options]',
  options: { ...CONNECTION_OPTIONS, ...DESTINATION_OPTIONS },
  details: `${CREDENTIALS_HELP}

Exit codes: 0 ok, 1 rate-limited or unavailable (try later), 2 credentials or configuration to fix.`,
  run,
};
