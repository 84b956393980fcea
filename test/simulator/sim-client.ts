import type { RunningSimulator } from '../../src/simulator/index.js';

export interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  data: T[] | T | null;
  additional_data: {
    next_cursor?: string | null;
    pagination?: { start: number; limit: number; more_items_in_collection: boolean; next_start?: number };
  } | null;
  error?: string;
}

/** GET with the simulator's API token; returns status, headers and parsed body. */
export async function get<T = Record<string, unknown>>(
  sim: RunningSimulator,
  path: string,
): Promise<{ status: number; headers: Headers; body: Envelope<T> }> {
  const response = await fetch(`${sim.url}${path}`, { headers: { 'x-api-token': sim.token } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Envelope<T> };
}

export function rows<T>(body: Envelope<T>): T[] {
  return Array.isArray(body.data) ? body.data : [];
}
