/**
 * Builds the Kubernetes clients the operator uses, from a kubeconfig file, the
 * default locations (KUBECONFIG, ~/.kube/config) or the in-cluster service
 * account. client-node 1.x uses the object-parameter API: every call takes one
 * object and returns the body, and errors are ApiException with `code`.
 */
import * as k8s from '@kubernetes/client-node';
import { keepAliveAuthentication, makeKeepAliveClient } from './keep-alive.js';

export interface KubeClients {
  config: k8s.KubeConfig;
  core: k8s.CoreV1Api;
  batch: k8s.BatchV1Api;
  custom: k8s.CustomObjectsApi;
  coordination: k8s.CoordinationV1Api;
  events: k8s.EventsV1Api;
  watch: k8s.Watch;
}

export interface KubeClientOptions {
  /** Path of a kubeconfig file; default: in-cluster when running in a pod, else KUBECONFIG or ~/.kube/config. */
  kubeconfigPath?: string;
  /** Context inside the kubeconfig (default: its current context). */
  context?: string;
}

export function loadKubeConfig(options: KubeClientOptions = {}): k8s.KubeConfig {
  const config = new k8s.KubeConfig();
  if (options.kubeconfigPath) config.loadFromFile(options.kubeconfigPath);
  else if (process.env.KUBERNETES_SERVICE_HOST && !process.env.KUBECONFIG) config.loadFromCluster();
  else config.loadFromDefault();
  if (options.context) config.setCurrentContext(options.context);
  return config;
}

export function createKubeClients(options: KubeClientOptions | k8s.KubeConfig = {}): KubeClients {
  const config = options instanceof k8s.KubeConfig ? options : loadKubeConfig(options);
  // One pooled agent for all five clients: a reconcile's calls reuse the same open connections.
  const auth = keepAliveAuthentication(config);
  return {
    config,
    core: makeKeepAliveClient(config, k8s.CoreV1Api, auth),
    batch: makeKeepAliveClient(config, k8s.BatchV1Api, auth),
    custom: makeKeepAliveClient(config, k8s.CustomObjectsApi, auth),
    coordination: makeKeepAliveClient(config, k8s.CoordinationV1Api, auth),
    events: makeKeepAliveClient(config, k8s.EventsV1Api, auth),
    watch: new k8s.Watch(config),
  };
}

/** The HTTP status of a client-node error (ApiException.code, or Watch's statusCode), if any. */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; statusCode?: unknown };
  if (typeof e.code === 'number') return e.code;
  if (typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

export const isNotFound = (error: unknown): boolean => statusCodeOf(error) === 404;
export const isConflict = (error: unknown): boolean => statusCodeOf(error) === 409;
export const isAlreadyExists = isConflict;

/** `namespace/name`, the work queue's key. */
export function objectKey(obj: { metadata?: { namespace?: string; name?: string } }): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
