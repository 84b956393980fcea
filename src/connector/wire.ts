/**
 * The one module that talks HTTP to Pipedrive. It paces requests to the
 * burst limit (burst-pacer.ts), charges the token budget, retries what a retry can fix
 * (with the timing from retry-timing.ts), refreshes OAuth once on a 401 and
 * classifies everything else into SyncErrors.
 */
import type { Logger } from '../observability/logger.js';
import type { TokenBudget } from './budget.js';
import { BurstPacer } from './burst-pacer.js';
import type { BurstSlot } from './burst-pacer.js';
import { httpError, malformed, networkError } from './http-errors.js';
import { DEFAULT_RETRY_POLICY, retryDecision } from './retry-timing.js';
import type { ServerClock } from './server-clock.js';
import type { HeaderGetter, RetryPolicy } from './retry-timing.js';

export interface WireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Tokens the endpoint costs, from the catalog. */
  cost: number;
  /** "deals: GET /api/v2/deals" - names the table and endpoint in errors. */
  what: string;
  /** Table the tokens are spent for (usage per table). */
  table?: string;
}

export interface WireResponse {
  status: number;
  header: HeaderGetter;
  body: unknown;
}

/** Supplies credentials per request and gets one chance to fix a 401. */
export interface Authorizer {
  headers(): Promise<Record<string, string>>;
  /** Called once per request on 401; true when new credentials are ready to try. */
  onUnauthorized(): Promise<boolean>;
}

export interface WireOptions {
  fetch?: typeof fetch;
  clock?: { now(): Date };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  budget: TokenBudget;
  logger?: Logger;
  timeoutMs?: number;
  policy?: RetryPolicy;
  /** Requests of each burst window left unused (see BurstPacer). */
  pacingReserve?: number;
  /** Told the Date header of every response: the run's signpost comes from the server's clock. */
  serverClock?: ServerClock;
}

/**
 * Node's own fetch (keep-alive by default). Not node-fetch 2 (cross-fetch): it never ends nor fails a
 * body cut off before its content-length, and the unref'd timeout signal does not keep the process
 * alive, so a CLI run hit by one truncated response exited 13 with no report.
 */
const defaultFetch: typeof fetch = (url, init) => fetch(url, init);

export class Wire {
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly pacer: BurstPacer;

  constructor(private readonly options: WireOptions) {
    this.fetch = options.fetch ?? defaultFetch;
    const clock = options.clock ?? { now: () => new Date() };
    this.now = () => clock.now();
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.pacer = new BurstPacer(() => this.now().getTime(), options.pacingReserve ?? 2);
  }

  async send(request: WireRequest, auth?: Authorizer): Promise<WireResponse> {
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      const slot = await this.waitForWindow();
      this.options.budget.reserve(request.cost, request.what);
      const headers = {
        accept: 'application/json',
        ...request.headers,
        ...(auth ? await auth.headers() : {}),
      };
      this.pacer.sending(slot);
      let status: number;
      let header: HeaderGetter;
      let text: string;
      try {
        const response = await this.fetch(request.url, {
          method: request.method,
          headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        status = response.status;
        this.pacer.answered(slot);
        header = (name) => response.headers.get(name);
        text = await response.text();
      } catch (cause) {
        this.options.budget.recordFailure();
        const decision = retryDecision(
          { attempt, status: undefined, header: () => null, random: this.random(), now: this.now() },
          this.policy,
        );
        if (!decision.retry) throw networkError(request.what, cause, attempt);
        this.options.logger?.debug('retrying after a network error', { what: request.what, attempt });
        await this.sleep(decision.delayMs);
        continue;
      }
      this.options.budget.record(request.cost, status, header, request.table);
      this.options.serverClock?.observe(header);
      this.pacer.observe(header);
      if (status >= 200 && status < 300) {
        const parsed = parseJson(text, request.what, header);
        if (parsed.ok) return { status, header, body: parsed.body };
        // A cut-off body is a transport failure: ask again; a body that stays broken is malformed.
        const again = retryDecision(
          { attempt, status: 503, header: () => null, random: this.random(), now: this.now() },
          this.policy,
        );
        if (!parsed.retryable || !again.retry) throw parsed.error;
        this.options.logger?.debug('retrying an unreadable body', { what: request.what, attempt });
        await this.sleep(again.delayMs);
        continue;
      }
      if (status === 401 && auth && !refreshed) {
        refreshed = true;
        if (await auth.onUnauthorized()) {
          attempt -= 1;
          continue;
        }
      }
      const decision = retryDecision(
        { attempt, status, header, random: this.random(), now: this.now() },
        this.policy,
      );
      if (!decision.retry) throw httpError(status, text, request.what, header);
      this.options.logger?.debug('retrying', {
        what: request.what,
        status,
        attempt,
        delayMs: decision.delayMs,
      });
      await this.sleep(decision.delayMs);
    }
  }

  private async waitForWindow(): Promise<BurstSlot> {
    const slot = this.pacer.schedule();
    if (slot.waitMs > 0) await this.sleep(slot.waitMs);
    return slot;
  }
}

type Parsed = { ok: true; body: unknown } | { ok: false; retryable: boolean; error: Error };

function parseJson(text: string, what: string, header: HeaderGetter): Parsed {
  const type = header('content-type') ?? '';
  if (/text\/html/i.test(type) || /^\s*</.test(text)) {
    return { ok: false, retryable: false, error: malformed(what, 'an HTML page instead of JSON') };
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, retryable: true, error: malformed(what, 'the body is not valid JSON') };
  }
}
