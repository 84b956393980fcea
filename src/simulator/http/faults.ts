import { FAULT_KINDS } from '../options.js';
import type { FaultConfig, FaultKind } from '../options.js';
import { mix, STREAM } from '../seeded-random.js';

/**
 * Seeded fault injection: the n-th request draws from a fixed hash sequence, so a
 * given seed and request order always inject the same faults.
 */
export class FaultInjector {
  private counter = 0;

  constructor(
    private config: FaultConfig | undefined,
    private readonly seed: number,
  ) {}

  set(config: FaultConfig | undefined): void {
    this.config = config;
    this.counter = 0;
  }

  get slowMs(): number {
    return this.config?.slowMs ?? 1500;
  }

  get timeoutMs(): number {
    return this.config?.timeoutMs ?? 30_000;
  }

  /** The fault to inject for a request to `path` (full URL path), if any. */
  decide(path: string): FaultKind | undefined {
    const config = this.config;
    if (!config) return undefined;
    // Rates given for an endpoint prefix replace the global ones for that endpoint.
    const rates = this.endpointRates(path) ?? config.rates ?? {};
    this.counter += 1;
    let roll = mix(config.seed ?? this.seed, STREAM.faults ?? 0, this.counter) / 4294967296;
    for (const kind of FAULT_KINDS) {
      const rate = rates[kind] ?? 0;
      if (roll < rate) return kind;
      roll -= rate;
    }
    return undefined;
  }

  private endpointRates(path: string): Partial<Record<FaultKind, number>> | undefined {
    let best: string | undefined;
    for (const prefix of Object.keys(this.config?.endpoints ?? {})) {
      if (path.startsWith(prefix) && (!best || prefix.length > best.length)) best = prefix;
    }
    return best ? this.config?.endpoints?.[best] : undefined;
  }
}

/** Parses `429=0.02,500=0.01,reset=0.01` (optionally `path:kind=rate` for one endpoint prefix). */
export function parseFaults(text: string): FaultConfig {
  const config: FaultConfig = { rates: {}, endpoints: {} };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(?:(\/[^:]*):)?([a-z0-9]+)=([0-9.]+)$/.exec(part);
    const kind = match?.[2] as FaultKind | undefined;
    const rate = Number(match?.[3]);
    if (!match || !kind || !FAULT_KINDS.includes(kind) || !(rate >= 0 && rate <= 1)) {
      throw new Error(
        `bad fault '${part}': expected kind=rate with kind in ${FAULT_KINDS.join('|')} and 0<=rate<=1`,
      );
    }
    const endpoint = match[1];
    if (endpoint) (config.endpoints![endpoint] ??= {})[kind] = rate;
    else config.rates![kind] = rate;
  }
  return config;
}
