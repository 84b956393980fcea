/**
 * What each informer keeps of an object. The caches hold every SyncJob, Job
 * and Secret in scope for the operator's lifetime, so they keep only what the
 * controllers read:
 * - no `managedFields` anywhere (server-side apply bookkeeping, often larger
 *   than the spec itself) and no `last-applied-configuration` annotation
 *   (kubectl's copy of the whole object);
 * - Jobs without their spec (the pod template): the SyncJob controller reads a
 *   Job's metadata and status only;
 * - Secrets without their values: the key names tell whether a referenced key
 *   exists; values are read fresh when needed and never cached.
 */
import type { CachedSecret, WireJob, WireSecret } from './wire-types.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface StrippableMeta {
  managedFields?: unknown;
  annotations?: Record<string, string>;
}

export function leanMetadata<M extends StrippableMeta>(metadata: M | undefined): M | undefined {
  if (!metadata) return metadata;
  const { managedFields: _dropped, ...rest } = metadata;
  if (rest.annotations?.[LAST_APPLIED] === undefined) return rest as M;
  const { [LAST_APPLIED]: _lastApplied, ...annotations } = rest.annotations;
  return { ...rest, annotations } as M;
}

/** A custom resource without bookkeeping metadata; spec and status are kept whole. */
export function leanResource<T extends { metadata?: StrippableMeta }>(obj: T): T {
  return { ...obj, metadata: leanMetadata(obj.metadata) };
}

export function leanJob(job: WireJob): WireJob {
  return {
    apiVersion: job.apiVersion,
    kind: job.kind,
    metadata: leanMetadata(job.metadata),
    status: job.status,
  };
}

export function leanSecret(secret: WireSecret): CachedSecret {
  return {
    metadata: leanMetadata(secret.metadata),
    type: secret.type,
    keys: Object.keys(secret.data ?? {}),
  };
}
