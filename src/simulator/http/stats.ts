export interface EndpointStats {
  requests: number;
  tokens: number;
}

export interface SimulatorStats {
  requests: number;
  tokensCharged: number;
  status429: number;
  faultsInjected: number;
  byStatus: Record<string, number>;
  byEndpoint: Record<string, EndpointStats>;
}

export function emptyStats(): SimulatorStats {
  return { requests: 0, tokensCharged: 0, status429: 0, faultsInjected: 0, byStatus: {}, byEndpoint: {} };
}

export function recordRequest(stats: SimulatorStats, endpoint: string, status: number, tokens: number): void {
  stats.requests += 1;
  stats.tokensCharged += tokens;
  if (status === 429) stats.status429 += 1;
  stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  const entry = (stats.byEndpoint[endpoint] ??= { requests: 0, tokens: 0 });
  entry.requests += 1;
  entry.tokens += tokens;
}
