/**
 * Request options for raw API server calls made with node-fetch (through
 * cross-fetch): TLS agent and credentials from the kubeconfig. The headers
 * client-node builds are a node-fetch `Headers` instance; when the calling
 * module resolves another copy of node-fetch (bundlers, test runners pick its
 * ESM build), that instance is not recognised and the Authorization header is
 * silently dropped, so the headers are copied into a plain object here.
 */
import type * as k8s from '@kubernetes/client-node';

export async function fetchOptions(
  config: k8s.KubeConfig,
  extraHeaders: Record<string, string> = {},
): Promise<RequestInit & { headers: Record<string, string> }> {
  const init = (await config.applyToFetchOptions({})) as RequestInit;
  const headers: Record<string, string> = {};
  const source = init.headers as { forEach?: (fn: (value: string, key: string) => void) => void } | undefined;
  if (source && typeof source.forEach === 'function') source.forEach((value, key) => (headers[key] = value));
  else Object.assign(headers, init.headers ?? {});
  return { ...init, headers: { ...headers, ...extraHeaders } };
}
