import { writeFile } from 'node:fs/promises';
import { createConnector } from '../connector/index.js';
import { createDestination } from '../destinations/index.js';
import type { SyncMode } from '../sync/contracts.js';
import { ConfigurationError } from '../sync/errors.js';
import {
  DEFAULT_CONCURRENCY,
  failureReport,
  logProgress,
  runSync,
  serializeReport,
  ttyProgress,
} from '../sync/index.js';
import { cliLogger } from './cli-logger.js';
import type { Command, ParsedOptions } from './command.js';
import { integerOption, UsageError } from './command.js';
import { CONNECTION_OPTIONS, connectorConfigFrom, CREDENTIALS_HELP } from './connection-options.js';
import { DESTINATION_OPTIONS, destinationUrlFrom, withPostgresSchema } from './destination-options.js';
import type { SyncFileConfig } from './sync-config.js';
import { readSyncConfig } from './sync-config.js';
import { tableSelection } from './table-selection.js';

function modeFrom(options: ParsedOptions, config: SyncFileConfig): SyncMode {
  const raw = typeof options.mode === 'string' ? options.mode : (config.mode ?? 'incremental');
  const mode = raw.toLowerCase();
  if (mode !== 'full' && mode !== 'incremental')
    throw new UsageError(`--mode must be full or incremental, got '${raw}'.`);
  return mode;
}

function namingFrom(options: ParsedOptions, config: SyncFileConfig): 'name' | 'key' {
  const raw =
    typeof options['custom-field-naming'] === 'string'
      ? options['custom-field-naming']
      : config.customFieldNaming;
  if (raw === undefined) return 'name';
  if (raw !== 'name' && raw !== 'key')
    throw new UsageError(`--custom-field-naming must be name or key, got '${raw}'.`);
  return raw;
}

async function syncWith(options: ParsedOptions, reportFile: string | undefined): Promise<number> {
  const env = process.env;
  const config = typeof options.config === 'string' ? await readSyncConfig(options.config) : {};
  const logger = cliLogger(options);
  const connectorConfig = await connectorConfigFrom(options, env, logger);
  let url = await destinationUrlFrom(options, env);
  if (url === undefined && config.destination?.sqlite?.path) url = `sqlite:${config.destination.sqlite.path}`;
  if (url === undefined)
    throw new UsageError('Missing --destination URL (or --destination-env NAME, --destination-file FILE).');
  url = withPostgresSchema(url, config.destination?.schema);
  const tables = tableSelection(typeof options.tables === 'string' ? options.tables : config.tables);
  const mode = modeFrom(options, config);
  const concurrency = integerOption(options, 'concurrency', config.concurrency ?? DEFAULT_CONCURRENCY, 1, 16);
  const tablePrefix =
    typeof options['table-prefix'] === 'string' ? options['table-prefix'] : config.destination?.tablePrefix;

  const pageSize = integerOption(options, 'page-size', 500, 1, 500);
  const source = createConnector({
    ...connectorConfig,
    customFieldNaming: namingFrom(options, config),
    pageSize,
  });
  const destination = await createDestination(url, { tablePrefix, logger });
  const progress = process.stderr.isTTY ? ttyProgress(process.stderr) : logProgress(logger);
  // Kubernetes sends SIGTERM before killing a pod: stop between pages and still write the report.
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.warn('Received signal; stopping after the pages being written', { signal });
    interrupt.abort();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    const report = await runSync({
      source,
      destination,
      tables,
      mode,
      concurrency,
      logger,
      progress,
      signal: interrupt.signal,
    });
    if (reportFile) await writeFile(reportFile, serializeReport(report));
    if (process.stderr.isTTY) process.stdout.write(`${report.result}: ${report.message}\n`);
    return report.exitCode;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await destination.close();
  }
}

async function run(options: ParsedOptions): Promise<number> {
  const reportFile = typeof options['report-file'] === 'string' ? options['report-file'] : undefined;
  try {
    return await syncWith(options, reportFile);
  } catch (error) {
    // A run that could not start still leaves a report: the Job's termination message says why.
    if (reportFile) {
      const mode = options.mode === 'full' ? 'full' : 'incremental';
      const cause = error instanceof UsageError ? new ConfigurationError(error.message) : error;
      await writeFile(reportFile, serializeReport(failureReport(cause, mode, new Date()))).catch(
        () => undefined,
      );
    }
    throw error;
  }
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Copy Pipedrive tables into a database, incrementally from the last bookmark.',
  usage: 'pipedrive-sync sync --domain NAME --destination URL [options]',
  options: {
    ...CONNECTION_OPTIONS,
    ...DESTINATION_OPTIONS,
    tables: { type: 'string', value: 'a,b', description: 'Tables to sync, comma-separated (default: all).' },
    mode: {
      type: 'string',
      value: 'full|incremental',
      description: 'Read everything, or only changes since the bookmark.',
      defaultText: 'incremental',
    },
    'custom-field-naming': {
      type: 'string',
      value: 'name|key',
      description: 'Name custom-field columns after the field name or its key.',
      defaultText: 'name',
    },
    'page-size': {
      type: 'string',
      value: 'N',
      description: 'Rows per API request (smaller pages: less memory, more requests).',
      default: '500',
    },
    concurrency: {
      type: 'string',
      value: 'N',
      description: 'Tables synced at the same time.',
      defaultText: String(DEFAULT_CONCURRENCY),
    },
    'report-file': {
      type: 'string',
      value: 'FILE',
      description: 'Also write the run report (JSON, at most 4 KB) here, e.g. /dev/termination-log.',
    },
    config: {
      type: 'string',
      value: 'FILE',
      description: 'YAML with SyncJob spec fields (tables, mode, destination, customFieldNaming); flags win.',
    },
  },
  details: `${CREDENTIALS_HELP}

Exit codes: 0 success, 1 transient failure (retry later), 2 configuration or credential error (fix first).

Example:
  PIPEDRIVE_API_TOKEN=... pipedrive-sync sync --domain acme --destination sqlite:./pipedrive.db --tables deals,persons`,
  run,
};
