/**
 * Gather for the SyncJob controller: reads everything planSyncJob decides from
 * into one ObservedSyncJob. The SyncJob, its connection and its Jobs come from
 * the informer caches, and so does the destination Secret's presence (the
 * Secret cache holds key names, never values: a GET per reconcile was a
 * third of the API calls of a SyncJob's first reconcile); run reports come from the finished pods' termination messages,
 * read once per finished Job and remembered by Job uid (a finished pod's
 * message never changes, and re-reading pods on every reconcile would cost a
 * list per Job).
 */
import type * as k8s from '@kubernetes/client-node';
import type { V1Job } from '@kubernetes/client-node';
import {
  OAUTH_TOKEN_KEYS,
  pipedriveConnectionSchema,
  syncJobSchema,
  type PipedriveConnection,
  type SyncJob,
} from '../api/index.js';
import { isNotFound } from '../kube/client.js';
import type { SupervisedInformer } from '../kube/informer.js';
import { oauthTokenSecretName } from '../kube/oauth-token-secret.js';
import type { CachedSecret, WireJob } from '../kube/wire-types.js';
import { parseResource } from './gather-resource.js';
import { observeJob, type ObservedJob, type ObservedSyncJob } from './sync-job-plan-input.js';

export interface SyncJobGatherDeps {
  core: k8s.CoreV1Api;
  syncJobs: SupervisedInformer<SyncJob>;
  connections: SupervisedInformer<PipedriveConnection>;
  jobs: SupervisedInformer<WireJob>;
  secrets: { get(namespace: string, name: string): CachedSecret | undefined };
}

const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

export class SyncJobGatherer {
  /** Termination messages of finished Jobs by uid ('' = the pod left none). */
  private readonly reports = new Map<string, string>();

  constructor(private readonly deps: SyncJobGatherDeps) {}

  /** Undefined when the SyncJob no longer exists. */
  async gather(namespace: string, name: string): Promise<ObservedSyncJob | undefined> {
    const cached = this.deps.syncJobs.get(namespace, name);
    if (!cached) return undefined;
    const syncJob = parseResource(syncJobSchema, cached, `${namespace}/${name}`);
    const cachedConnection = this.deps.connections.get(namespace, syncJob.spec.connectionRef.name);
    const connection = cachedConnection
      ? parseResource(
          pipedriveConnectionSchema,
          cachedConnection,
          `${namespace}/${syncJob.spec.connectionRef.name}`,
        )
      : undefined;
    const owned = this.deps.jobs
      .list(namespace)
      .filter((j) =>
        j.metadata?.ownerReferences?.some((r) => r.controller && r.uid === syncJob.metadata?.uid),
      );
    const jobs: ObservedJob[] = [];
    for (const job of owned) jobs.push(await this.observe(job));
    return {
      syncJob,
      connection,
      jobs,
      destinationSecret: this.destinationSecret(syncJob),
      accessTokenExpiresAt: await this.accessTokenExpiry(connection),
    };
  }

  /** Drops remembered reports of Jobs that no longer exist. */
  forgetMissingJobs(): void {
    const live = new Set(this.deps.jobs.list().map((j) => j.metadata?.uid));
    for (const uid of this.reports.keys()) if (!live.has(uid)) this.reports.delete(uid);
  }

  private async observe(job: WireJob): Promise<ObservedJob> {
    // observeJob reads timestamps as Date or RFC 3339 string; the cache holds strings.
    const typed = job as unknown as V1Job;
    const first = observeJob(typed);
    if (first.state === 'Active') return first;
    const uid = job.metadata?.uid ?? '';
    let message = this.reports.get(uid);
    if (message === undefined) {
      message = await this.terminationMessage(job);
      this.reports.set(uid, message);
    }
    return observeJob(typed, message || undefined);
  }

  /** The message of the most recently finished pod of the Job, '' when there is none. */
  private async terminationMessage(job: WireJob): Promise<string> {
    const namespace = job.metadata?.namespace ?? '';
    const pods = await this.deps.core.listNamespacedPod({
      namespace,
      labelSelector: `${JOB_NAME_LABEL}=${job.metadata?.name ?? ''}`,
    });
    let best: { at: number; message: string } | undefined;
    for (const pod of pods.items) {
      for (const status of pod.status?.containerStatuses ?? []) {
        const terminated = status.state?.terminated;
        if (!terminated?.message) continue;
        const at = new Date(terminated.finishedAt ?? 0).getTime();
        if (!best || at >= best.at) best = { at, message: terminated.message };
      }
    }
    return best?.message ?? '';
  }

  /** OAuth: the expiry of the access token the operator stored for Jobs (read fresh; never the token). */
  private async accessTokenExpiry(connection: PipedriveConnection | undefined): Promise<Date | undefined> {
    if (connection?.spec.auth.scheme !== 'OAuth') return undefined;
    let secret: k8s.V1Secret;
    try {
      secret = await this.deps.core.readNamespacedSecret({
        namespace: connection.metadata.namespace ?? '',
        name: oauthTokenSecretName(connection.metadata.name),
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const raw = secret.data?.[OAUTH_TOKEN_KEYS.accessTokenExpiresAt];
    if (!raw || !secret.data?.[OAUTH_TOKEN_KEYS.accessToken] || !secret.data[OAUTH_TOKEN_KEYS.apiDomain]) {
      return undefined;
    }
    const expiresAt = new Date(Buffer.from(raw, 'base64').toString('utf8'));
    return Number.isNaN(expiresAt.getTime()) ? undefined : expiresAt;
  }

  private destinationSecret(syncJob: SyncJob): ObservedSyncJob['destinationSecret'] {
    const ref = syncJob.spec.destination.urlSecretRef;
    if (!ref) return 'NotRequired';
    const secret = this.deps.secrets.get(syncJob.metadata.namespace ?? '', ref.name);
    if (!secret) return 'SecretNotFound';
    return secret.keys.includes(ref.key) ? 'Present' : 'KeyMissing';
  }
}
