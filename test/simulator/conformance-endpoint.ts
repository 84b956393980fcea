import { findOperation } from '../support/openapi/index.js';
import type { ApiVersion, HttpMethod, ResponseValidator, SpecDocuments } from '../support/openapi/index.js';
import type { ProbeClient, ProbeResponse } from './conformance-client.js';
import { overrideFor } from './conformance-overrides.js';
import type { Lookup, Resolved } from './conformance-overrides.js';

/**
 * Checks one simulator endpoint against the spec: for lists the first page, a later page, an empty result
 * (a filter that matches nothing) and 401 without a token; for single records a real id, 404 for an unknown id
 * and 401. Parameters come from the simulator's own data (a parent list's first record).
 */

export interface SimRoute {
  method: string;
  version: ApiVersion;
  template: string;
}

export interface EndpointReport {
  /** One line per probe, e.g. "first page GET /api/v2/deals?limit=1 -> 200 ok". */
  checked: string[];
  failures: string[];
}

type Query = Record<string, string>;

const UNKNOWN_ID = {
  integer: '999999999',
  uuid: '00000000-0000-4000-8000-000000000000',
  string: 'no-such-id-0',
};
const FUTURE_RFC3339 = '2100-01-01T00:00:00Z';
const FUTURE_V1 = '2100-01-01 00:00:00';

const withQuery = (path: string, query: Query): string => {
  const text = new URLSearchParams(query).toString();
  return text ? `${path}?${text}` : path;
};

interface Envelope {
  success?: unknown;
  data?: unknown;
  additional_data?: { next_cursor?: unknown; pagination?: { next_start?: unknown } } | null;
}

export class EndpointChecker {
  private readonly report: EndpointReport = { checked: [], failures: [] };
  private readonly method: HttpMethod;

  constructor(
    private readonly route: SimRoute,
    private readonly docs: SpecDocuments,
    private readonly validator: ResponseValidator,
    private readonly client: ProbeClient,
  ) {
    this.method = route.method.toLowerCase() as HttpMethod;
  }

  private queryParams(): Set<string> {
    const operation = findOperation(this.docs, this.route.version, this.method, this.route.template);
    const params = (operation?.operation.parameters ?? []) as Array<{ in?: string; name?: string }>;
    return new Set(params.filter((p) => p.in === 'query').map((p) => String(p.name)));
  }

  private pathParamKind(name: string): keyof typeof UNKNOWN_ID {
    const operation = findOperation(this.docs, this.route.version, this.method, this.route.template);
    const params = (operation?.operation.parameters ?? []) as Array<{
      in?: string;
      name?: string;
      schema?: { type?: string; format?: string };
    }>;
    const schema = params.find((p) => p.in === 'path' && p.name === name)?.schema;
    if (schema?.type === 'integer' || schema?.type === 'number') return 'integer';
    return schema?.format === 'uuid' ? 'uuid' : 'string';
  }

  /** The success status the spec documents (v1 creates answer 201, most v2 creates 200). */
  private documentedSuccess(): number {
    const operation = findOperation(this.docs, this.route.version, this.method, this.route.template);
    const codes = Object.keys(operation?.operation.responses ?? {}).filter((code) => /^2\d\d$/.test(code));
    return Number(codes.sort()[0] ?? 200);
  }

  /** Sends one probe, checks status and schema, and records the outcome. */
  private async probe(
    label: string,
    path: string,
    expect: number,
    auth = true,
    body?: unknown,
  ): Promise<ProbeResponse> {
    const response = await this.client({
      version: this.route.version,
      method: this.route.method,
      path,
      auth,
      body,
    });
    const where = `${label}: ${response.sent} -> ${response.status}`;
    if (response.status !== expect) {
      this.report.failures.push(
        `${where}, expected ${expect}: ${JSON.stringify(response.body).slice(0, 300)}`,
      );
      return response;
    }
    const result = this.validator.validate({
      version: this.route.version,
      method: this.method,
      pathTemplate: this.route.template,
      status: response.status,
      body: response.body,
    });
    const envelope = response.body as Envelope;
    const successExpected = expect < 400;
    // The error envelope's `success: false` is documented (pipedrive-api §10.2) even where the schema is lax.
    if (envelope?.success !== successExpected) {
      this.report.failures.push(
        `${where}: success is ${JSON.stringify(envelope?.success)}, expected ${successExpected}`,
      );
    }
    for (const error of result.errors) this.report.failures.push(`${where}: ${error} [${result.source}]`);
    this.report.checked.push(`${where} ${result.valid ? 'conforms' : 'VIOLATES'} [${result.source}]`);
    return response;
  }

  /** Fills every {param} of the template from the first record of its parent collection. */
  private async concretePath(
    resolved: Resolved,
  ): Promise<{ path: string; lastParam?: { name: string; at: number } }> {
    const override = overrideFor(this.route);
    const segments = this.route.template.split('/');
    let lastParam: { name: string; at: number } | undefined;
    for (let i = 0; i < segments.length; i += 1) {
      const segment = segments[i]!;
      if (!segment.startsWith('{')) continue;
      const name = segment.slice(1, -1);
      lastParam = { name, at: i };
      const fixed = resolved.params?.[name];
      if (fixed !== undefined) {
        segments[i] = fixed;
        continue;
      }
      const parent = segments.slice(0, i).join('/');
      const list = await this.client({
        version: this.route.version,
        method: 'GET',
        path: withQuery(parent, { limit: '1' }),
      });
      const first = Array.isArray((list.body as Envelope).data)
        ? ((list.body as Envelope).data as unknown[])[0]
        : undefined;
      const field = override.paramFields?.[name] ?? 'id';
      const value =
        first && typeof first === 'object' ? (first as Record<string, unknown>)[field] : undefined;
      if (value === undefined || value === null) {
        throw new Error(
          `Cannot fill {${name}}: GET ${parent} (${list.status}) returned no record with "${field}"`,
        );
      }
      segments[i] = encodeURIComponent(String(value));
    }
    return { path: segments.join('/'), lastParam };
  }

  private emptyQuery(): Query | undefined {
    const override = overrideFor(this.route);
    if (override.emptyQuery) return override.emptyQuery;
    const params = this.queryParams();
    if (params.has('updated_since')) return { updated_since: FUTURE_RFC3339 };
    if (params.has('since_timestamp')) return { since_timestamp: FUTURE_V1 };
    if (params.has('since')) return { since: FUTURE_V1 };
    if (params.has('ids')) return { ids: UNKNOWN_ID.integer };
    if (params.has('start')) return { start: '100000000' };
    return undefined;
  }

  private async checkList(path: string, first: ProbeResponse, extra: Query): Promise<void> {
    const params = this.queryParams();
    const data = (first.body as Envelope).data;
    if (!Array.isArray(data) || data.length === 0) {
      this.report.failures.push(
        `first page: ${first.sent} returned no records, so its schema check proves nothing`,
      );
    }
    const additional = (first.body as Envelope).additional_data;
    if (params.has('cursor')) {
      const cursor = additional?.next_cursor;
      if (typeof cursor !== 'string')
        this.report.failures.push(`later page: ${first.sent} offered no next_cursor`);
      else await this.probe('later page', withQuery(path, { ...extra, limit: '1', cursor }), 200);
    } else if (params.has('start')) {
      await this.probe('later page', withQuery(path, { ...extra, limit: '1', start: '1' }), 200);
    }
    const empty = this.emptyQuery();
    if (empty) {
      const response = await this.probe('empty result', withQuery(path, { ...extra, ...empty }), 200);
      const emptyData = (response.body as Envelope).data;
      if (
        response.status === 200 &&
        !(emptyData === null || (Array.isArray(emptyData) && emptyData.length === 0))
      ) {
        this.report.failures.push(`empty result: ${response.sent} still returned records`);
      }
    } else {
      this.report.checked.push('empty result: the spec offers no filter that can match nothing here');
    }
  }

  private readonly lookup: Lookup = {
    rows: async (version, path) => {
      const response = await this.client({ version, method: 'GET', path });
      const data = (response.body as Envelope).data;
      return Array.isArray(data) ? (data as Array<Record<string, unknown>>) : [];
    },
  };

  async check(): Promise<EndpointReport> {
    const override = overrideFor(this.route);
    const resolved = (await override.resolve?.(this.lookup)) ?? {};
    const extra: Query = resolved.query ?? {};
    const { path, lastParam } = await this.concretePath(resolved);
    const params = this.queryParams();
    const firstQuery: Query = { ...extra, ...(params.has('limit') ? { limit: '1' } : {}) };
    const expect = override.status ?? this.documentedSuccess();
    const first = await this.probe(
      lastParam ? 'record' : 'first page',
      withQuery(path, firstQuery),
      expect,
      true,
      override.body,
    );
    const data = (first.body as Envelope).data;
    if (!lastParam && (Array.isArray(data) || data === null) && this.route.method === 'GET')
      await this.checkList(path, first, extra);
    if (lastParam) {
      const segments = path.split('/');
      segments[lastParam.at] = UNKNOWN_ID[this.pathParamKind(lastParam.name)];
      await this.probe('unknown id', segments.join('/'), 404, true, override.body);
    }
    await this.probe('no token', withQuery(path, firstQuery), 401, false, override.body);
    return this.report;
  }
}
