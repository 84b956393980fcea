/**
 * Builds API URLs and checks the success envelope. Every call names its
 * table and endpoint, so errors read "deals: GET /api/v2/deals/archived".
 */
import type { Session } from './auth.js';
import type { ApiVersion } from './catalog/types.js';
import { malformed } from './http-errors.js';
import type { Wire } from './wire.js';

export interface Envelope {
  data: unknown;
  additional_data?: unknown;
}

export interface ApiCall {
  version: ApiVersion;
  /** Resolved path, e.g. /deals/42/followers. */
  path: string;
  query?: Record<string, string>;
  cost: number;
  /** Table (or purpose) the call serves, for messages. */
  table: string;
}

export class ApiClient {
  constructor(
    private readonly wire: Wire,
    private readonly session: Session,
  ) {}

  describe(call: ApiCall): string {
    return `${call.table}: GET /api/${call.version}${call.path}`;
  }

  async get(call: ApiCall): Promise<Envelope> {
    const base = await this.session.baseUrl();
    const search = new URLSearchParams(call.query ?? {}).toString();
    const what = this.describe(call);
    const response = await this.wire.send(
      {
        method: 'GET',
        url: `${base}/api/${call.version}${call.path}${search ? `?${search}` : ''}`,
        cost: call.cost,
        what,
        table: call.table,
      },
      this.session,
    );
    const body = response.body;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw malformed(what, 'the body is not an object');
    const envelope = body as Record<string, unknown>;
    if (envelope.success !== true) {
      const said = typeof envelope.error === 'string' ? `: ${envelope.error.slice(0, 200)}` : '';
      throw malformed(what, `success is not true${said}`);
    }
    if (!('data' in envelope)) throw malformed(what, 'the data member is missing');
    return envelope as unknown as Envelope;
  }
}
