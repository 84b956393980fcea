import { createConnector } from '../connector/index.js';
import { createDestination } from '../destinations/index.js';
import type { CustomFieldColumn, TableSchema } from '../sync/contracts.js';
import { EXIT_OK } from '../sync/errors.js';
import { cliLogger } from './cli-logger.js';
import type { Command, ParsedOptions } from './command.js';
import { CONNECTION_OPTIONS, connectorConfigFrom, CREDENTIALS_HELP } from './connection-options.js';
import { DESTINATION_OPTIONS, destinationUrlFrom } from './destination-options.js';
import { tableSelection } from './table-selection.js';

function describeTables(schemas: TableSchema[]): string {
  const width = Math.max(5, ...schemas.map((s) => s.name.length));
  const header = `${'table'.padEnd(width)}  read          columns  custom  primary key`;
  const lines = schemas.map(
    (s) =>
      `${s.name.padEnd(width)}  ${(s.incremental ? 'incremental' : 'full').padEnd(12)}  ${String(s.columns.length).padStart(7)}  ${String(s.customFields.length).padStart(6)}  ${s.primaryKey.join(', ')}`,
  );
  return `${[header, ...lines].join('\n')}\n`;
}

/** Custom-field column names already frozen in the destination, so discovery shows what a sync would write. */
async function knownCustomFields(
  options: ParsedOptions,
  logger: ReturnType<typeof cliLogger>,
): Promise<CustomFieldColumn[]> {
  const url = await destinationUrlFrom(options, process.env);
  if (url === undefined) return [];
  const prefix = typeof options['table-prefix'] === 'string' ? options['table-prefix'] : undefined;
  const destination = await createDestination(url, { tablePrefix: prefix, logger });
  try {
    return await destination.readCustomFields();
  } finally {
    await destination.close();
  }
}

async function run(options: ParsedOptions): Promise<number> {
  const logger = cliLogger(options);
  const config = await connectorConfigFrom(options, process.env, logger);
  const naming = options['custom-field-naming'] === 'key' ? 'key' : 'name';
  const source = createConnector({ ...config, customFieldNaming: naming });
  const tables = tableSelection(typeof options.tables === 'string' ? options.tables : undefined);
  const schemas = await source.discover({
    knownCustomFields: await knownCustomFields(options, logger),
    tables,
  });
  process.stdout.write(options.json ? `${JSON.stringify(schemas, null, 2)}\n` : describeTables(schemas));
  return EXIT_OK;
}

export const discoverCommand: Command = {
  name: 'discover',
  summary: 'List the tables and columns (custom fields included) a sync would write.',
  usage: 'pipedrive-sync discover --domain NAME [--tables a,b] [--json] [options]',
  options: {
    ...CONNECTION_OPTIONS,
    ...DESTINATION_OPTIONS,
    tables: { type: 'string', value: 'a,b', description: 'Only these tables (default: all).' },
    'custom-field-naming': {
      type: 'string',
      value: 'name|key',
      description: 'Column naming for custom fields.',
      default: 'name',
    },
    json: { type: 'boolean', description: 'Print the full table schemas as JSON.' },
  },
  details: CREDENTIALS_HELP,
  run,
};
