/**
 * Lists objects as the API server sends them (plain JSON, timestamps as
 * strings), the same shape the watch stream delivers, so an informer's cache
 * holds one shape whatever filled it. The typed client-node lists would turn
 * timestamps into Date objects, which watch events never are.
 */
import type * as k8s from '@kubernetes/client-node';
import fetch from 'cross-fetch';
import { fetchOptions } from './fetch-options.js';

export interface RawList<T> {
  items: T[];
  resourceVersion: string;
}

interface ListPage<T> {
  items?: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

/** GETs every page of `path` (e.g. `/apis/batch/v1/namespaces/ns/jobs`). */
export async function listRaw<T>(
  config: k8s.KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<RawList<T>> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('The kubeconfig has no current cluster.');
  const items: T[] = [];
  let continueToken: string | undefined;
  let resourceVersion = '';
  do {
    const url = new URL(cluster.server + path);
    for (const [k, v] of Object.entries({ ...query, limit: '500', continue: continueToken })) {
      if (v !== undefined && v !== '') url.searchParams.set(k, v);
    }
    // node-fetch (through cross-fetch) honours the TLS agent that applyToFetchOptions builds.
    const init = await fetchOptions(config);
    const response = await fetch(url.toString(), { ...init, method: 'GET', signal: signal ?? null });
    if (!response.ok) {
      const error = new Error(`List ${path} failed with HTTP ${response.status}`) as Error & {
        statusCode: number;
      };
      error.statusCode = response.status;
      throw error;
    }
    const page = (await response.json()) as ListPage<T>;
    items.push(...(page.items ?? []));
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    continueToken = page.metadata?.continue || undefined;
  } while (continueToken);
  return { items, resourceVersion };
}
