/**
 * The four informers of the operator and how their events become work-queue
 * keys (style rule 1: every event is just "look at this object again"):
 * - a PipedriveConnection: itself when its spec or annotations changed, and the
 *   SyncJobs using it when its Ready condition changed;
 * - a SyncJob: itself when its spec or annotations changed (status writes are
 *   filtered out, or every status write would trigger another reconcile);
 * - a Job carrying our part-of label: its controlling SyncJob;
 * - a Secret: every connection and SyncJob that references it by name, and the
 *   connection owning it (the operator-owned OAuth token Secret).
 * What each cache keeps of an object is in cache-shapes.ts (no managedFields,
 * Jobs without their pod template, Secrets with key names but no values).
 */
import type * as k8s from '@kubernetes/client-node';
import {
  CONNECTION_KIND,
  CONNECTION_PLURAL,
  GROUP,
  PART_OF_LABEL,
  PART_OF_VALUE,
  SYNC_JOB_KIND,
  SYNC_JOB_PLURAL,
  VERSION,
  type PipedriveConnection,
  type SyncJob,
} from '../api/index.js';
import type { Logger } from '../observability/logger.js';
import type { Clock } from '../kube/clock.js';
import { SupervisedInformer, type InformerEvent, type WireObject } from '../kube/informer.js';
import type { CachedSecret, WireJob, WireSecret } from '../kube/wire-types.js';
import { leanJob, leanResource, leanSecret } from '../kube/cache-shapes.js';
import { connectionSecretNames, syncJobSecretNames } from './secret-references.js';

export interface InformerSetOptions {
  config: k8s.KubeConfig;
  watch: k8s.Watch;
  namespace?: string;
  clock: Clock;
  logger: Logger;
  enqueueConnection: (namespace: string, name: string) => void;
  enqueueSyncJob: (namespace: string, name: string) => void;
  /** Called when an object is gone for good (metrics series, event dedupe state). */
  onDeleted: (kind: 'connection' | 'syncjob', namespace: string, name: string, uid?: string) => void;
  resyncMs?: number;
  watchTimeoutSeconds?: number;
}

export interface InformerSet {
  connections: SupervisedInformer<PipedriveConnection & WireObject>;
  syncJobs: SupervisedInformer<SyncJob & WireObject>;
  jobs: SupervisedInformer<WireJob>;
  secrets: SupervisedInformer<CachedSecret, WireSecret>;
  start(): void;
  stop(): void;
  hasSynced(): boolean;
  waitForSync(): Promise<void>;
}

const readyStatus = (c?: PipedriveConnection) =>
  c?.status?.conditions?.find((x) => x.type === 'Ready')?.status;
const specOrAnnotationsChanged = (
  obj: { metadata?: WireObject['metadata'] & Record<string, unknown> },
  old?: typeof obj,
) =>
  !old ||
  obj.metadata?.generation !== old.metadata?.generation ||
  JSON.stringify(obj.metadata?.annotations ?? {}) !== JSON.stringify(old.metadata?.annotations ?? {}) ||
  obj.metadata?.deletionTimestamp !== old.metadata?.deletionTimestamp;

export function createInformerSet(options: InformerSetOptions): InformerSet {
  const { config, watch, namespace, clock, logger } = options;
  const ns = namespace ? `/namespaces/${namespace}` : '';
  const common = {
    config,
    watch,
    clock,
    logger,
    resyncMs: options.resyncMs,
    watchTimeoutSeconds: options.watchTimeoutSeconds,
  };
  const nsOf = (o: WireObject) => o.metadata?.namespace ?? '';
  const nameOf = (o: WireObject) => o.metadata?.name ?? '';

  const syncJobsUsing = (namespace: string, connection: string) =>
    syncJobs.list(namespace).filter((s) => s.spec?.connectionRef?.name === connection);

  const connections: SupervisedInformer<PipedriveConnection & WireObject> = new SupervisedInformer({
    ...common,
    name: CONNECTION_PLURAL,
    path: `/apis/${GROUP}/${VERSION}${ns}/${CONNECTION_PLURAL}`,
    transform: leanResource,
    onEvent: (event: InformerEvent, obj, old) => {
      if (event === 'delete') options.onDeleted('connection', nsOf(obj), nameOf(obj), obj.metadata?.uid);
      if (event !== 'update' || specOrAnnotationsChanged(obj, old))
        options.enqueueConnection(nsOf(obj), nameOf(obj));
      if (event !== 'update' || readyStatus(obj) !== readyStatus(old)) {
        for (const s of syncJobsUsing(nsOf(obj), nameOf(obj))) options.enqueueSyncJob(nsOf(s), nameOf(s));
      }
    },
  });

  const syncJobs: SupervisedInformer<SyncJob & WireObject> = new SupervisedInformer({
    ...common,
    name: SYNC_JOB_PLURAL,
    path: `/apis/${GROUP}/${VERSION}${ns}/${SYNC_JOB_PLURAL}`,
    transform: leanResource,
    onEvent: (event, obj, old) => {
      if (event === 'delete') options.onDeleted('syncjob', nsOf(obj), nameOf(obj), obj.metadata?.uid);
      if (event !== 'update' || specOrAnnotationsChanged(obj, old))
        options.enqueueSyncJob(nsOf(obj), nameOf(obj));
    },
  });

  const jobs = new SupervisedInformer<WireJob>({
    ...common,
    name: 'jobs',
    path: `/apis/batch/v1${ns}/jobs`,
    labelSelector: `${PART_OF_LABEL}=${PART_OF_VALUE}`,
    transform: leanJob,
    onEvent: (_event, job) => {
      const owner = job.metadata?.ownerReferences?.find((r) => r.controller && r.kind === SYNC_JOB_KIND);
      if (owner) options.enqueueSyncJob(nsOf(job), owner.name);
    },
  });

  const secrets = new SupervisedInformer<CachedSecret, WireSecret>({
    ...common,
    name: 'secrets',
    path: `/api/v1${ns}/secrets`,
    transform: leanSecret,
    onEvent: (event, secret) => {
      if (event === 'resync') return;
      const secretNs = nsOf(secret);
      const name = nameOf(secret);
      for (const c of connections.list(secretNs)) {
        const owned = secret.metadata?.ownerReferences?.some(
          (r) => r.kind === CONNECTION_KIND && r.uid === c.metadata?.uid,
        );
        if (owned || connectionSecretNames(c).includes(name)) options.enqueueConnection(secretNs, nameOf(c));
      }
      for (const s of syncJobs.list(secretNs)) {
        if (syncJobSecretNames(s).includes(name)) options.enqueueSyncJob(secretNs, nameOf(s));
      }
    },
  });

  const all = [connections, syncJobs, jobs, secrets];
  return {
    connections,
    syncJobs,
    jobs,
    secrets,
    start: () => all.forEach((i) => i.start()),
    stop: () => all.forEach((i) => i.stop()),
    hasSynced: () => all.every((i) => i.hasSynced),
    waitForSync: async () => {
      await Promise.all(all.map((i) => i.waitForSync()));
    },
  };
}
