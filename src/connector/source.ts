/**
 * The Pipedrive Source: check, discover and read, wired from the pieces of
 * this folder. One instance owns one wire (so pacing and the token budget
 * are shared by every table read concurrently) and one credential session.
 */
import type {
  ApiUsage,
  Bookmark,
  CheckResult,
  DiscoverOptions,
  Page,
  ReadOptions,
  Source,
  TableSchema,
} from '../sync/contracts.js';
import { ConfigurationError } from '../sync/errors.js';
import { ApiClient } from './api-client.js';
import { createSession } from './auth.js';
import { TokenBudget } from './budget.js';
import { catalog, findTable } from './catalog/index.js';
import type { TableSpec } from './catalog/types.js';
import { checkConnection } from './check.js';
import { discoverTables } from './discovery.js';
import { FieldDefinitions } from './fields.js';
import { ServerClock } from './server-clock.js';
import type { ConnectorConfig } from './index.js';
import { readChildren } from './readers/children.js';
import { readList } from './readers/list.js';
import type { ScanContext } from './readers/scan.js';
import { Wire } from './wire.js';

export class PipedriveSource implements Source {
  private readonly budget: TokenBudget;
  private readonly client: ApiClient;
  private readonly fields: FieldDefinitions;
  private readonly specs: TableSpec[];
  private readonly context: ScanContext;
  private readonly serverClock: ServerClock;
  private lastDiscovery: TableSchema[] | undefined;

  constructor(private readonly config: ConnectorConfig) {
    const percent = config.maxDailyBudgetPercent ?? 100;
    if (!(percent > 0 && percent <= 100))
      throw new ConfigurationError('maxDailyBudgetPercent must be in (0, 100]');
    const pageSize = config.pageSize ?? 500;
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new ConfigurationError('pageSize must be a positive integer');
    this.budget = new TokenBudget(percent);
    const clock = config.clock ?? { now: () => new Date() };
    this.serverClock = new ServerClock(() => clock.now());
    const wire = new Wire({
      budget: this.budget,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.clock ? { clock: config.clock } : {}),
      ...(config.sleep ? { sleep: config.sleep } : {}),
      ...(config.logger ? { logger: config.logger } : {}),
      ...(config.requestTimeoutMs ? { timeoutMs: config.requestTimeoutMs } : {}),
      serverClock: this.serverClock,
    });
    this.client = new ApiClient(wire, createSession(config, wire));
    this.fields = new FieldDefinitions(this.client, config.schema, pageSize);
    this.specs = catalog(config.schema);
    this.context = { client: this.client, pageSize };
  }

  check(): Promise<CheckResult> {
    return checkConnection(this.client, this.config.companyDomain);
  }

  async discover(options: DiscoverOptions): Promise<TableSchema[]> {
    const naming = this.config.customFieldNaming ?? 'name';
    // A run starts with discover: its first response fixes the run's signpost.
    this.serverClock.reset();
    const tables = await discoverTables(this.specs, this.fields, options, naming, this.config.logger);
    if (!options.tables) this.lastDiscovery = tables;
    return tables;
  }

  async *read(table: TableSchema, bookmark: Bookmark | null, options: ReadOptions): AsyncIterable<Page> {
    const spec = findTable(this.config.schema, table.name);
    if (!spec)
      throw new ConfigurationError(`table "${table.name}" is not in the ${this.config.schema} catalog`);
    // Change times are stamped by the server's clock, so the signpost comes from it too (the engine's
    // local run start is the fallback when no response carried a Date header).
    const signpost = this.serverClock.signpost(options.signpost);
    yield* this.pages(spec, table, bookmark, { ...options, signpost });
    // A full-mode read, or a table without an update filter (re-read whole every run), listed every
    // row the API still serves: the engine may flag the rows it did not list as deleted.
    if (options.mode === 'full' || spec.incremental === 'full')
      yield { rows: [], bookmark: null, complete: true };
  }

  private async *pages(
    spec: TableSpec,
    table: TableSchema,
    bookmark: Bookmark | null,
    options: ReadOptions,
  ): AsyncIterable<Page> {
    if (spec.synthetic) {
      yield { rows: await this.definitionRows(), bookmark: null };
      return;
    }
    if (spec.child) {
      const parent = findTable(this.config.schema, spec.child.parent);
      if (!parent) throw new ConfigurationError(`table "${table.name}" has no parent "${spec.child.parent}"`);
      yield* readChildren(this.context, table, spec, parent, bookmark, options);
      return;
    }
    yield* readList(this.context, table, spec, bookmark, options);
  }

  usage(): ApiUsage {
    return this.budget.usage();
  }

  /** The custom-field registry as rows: current names, types and options, with the frozen column names. */
  private async definitionRows(): Promise<Record<string, unknown>[]> {
    const tables = this.lastDiscovery ?? (await this.discover({ knownCustomFields: [] }));
    return tables.flatMap((table) =>
      table.customFields.map((field) => ({
        table_name: table.name,
        field_key: field.fieldKey,
        column_name: field.column,
        name: field.currentName,
        field_type: field.fieldType,
        options: field.options ?? null,
        entity: this.specs.find((s) => s.name === table.name)?.customFields ?? null,
      })),
    );
  }
}
