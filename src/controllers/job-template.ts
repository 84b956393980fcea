/**
 * The batch/v1 Job of one sync run (pure). Security is not configurable: the
 * pod runs as a non-root user with a read-only root filesystem, no
 * capabilities, no service-account token, and credentials only through
 * `secretKeyRef` or a read-only secret volume (OAuth: the access token alone,
 * from the operator-owned token Secret). Exit code 2 (configuration or credentials) fails the Job at
 * once through the pod failure policy instead of burning retries.
 */
import type {
  V1Affinity,
  V1Job,
  V1ResourceRequirements,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import {
  API_VERSION,
  COMPONENT_LABEL,
  CONNECTION_LABEL,
  GENERATION_ANNOTATION,
  MANAGED_BY_LABEL,
  NAME_LABEL,
  OAUTH_TOKEN_KEYS,
  NAME_VALUE,
  PART_OF_LABEL,
  PART_OF_VALUE,
  REQUESTED_AT_HANDLED_ANNOTATION,
  SCHEDULED_TIME_ANNOTATION,
  SYNC_JOB_KIND,
  SYNC_JOB_LABEL,
  TRIGGER_ANNOTATION,
  type PipedriveConnection,
  type SyncJob,
} from '../api/index.js';
import { oauthTokenSecretName } from '../kube/oauth-token-secret.js';
import { EXIT_CONFIGURATION } from '../sync/errors.js';
import { formatTime } from './conditions.js';
import { OAUTH_TOKEN_MOUNT_PATH, SQLITE_MOUNT_PATH, syncArgs, syncEnv } from './job-template-args.js';
import type { RunRequest } from './sync-job-plan-runs.js';

export const RUN_AS_USER = 65532;
const DEFAULT_RESOURCES = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } };

export interface JobTemplateInput {
  syncJob: SyncJob;
  connection: PipedriveConnection;
  run: RunRequest;
  /** The operator's own image; spec.jobTemplate.image overrides it. */
  operatorImage: string;
}

/** Labels on the Job and its pods; selecting by SYNC_JOB_LABEL finds every run of a SyncJob. */
export function jobLabels(syncJob: SyncJob): Record<string, string> {
  return {
    [PART_OF_LABEL]: PART_OF_VALUE,
    [NAME_LABEL]: NAME_VALUE,
    [COMPONENT_LABEL]: 'sync',
    [MANAGED_BY_LABEL]: PART_OF_VALUE,
    [SYNC_JOB_LABEL]: syncJob.metadata.name,
    [CONNECTION_LABEL]: syncJob.spec.connectionRef.name,
  };
}

function runAnnotations(run: RunRequest): Record<string, string> {
  return {
    [TRIGGER_ANNOTATION]: run.trigger,
    [GENERATION_ANNOTATION]: String(run.generation),
    ...(run.scheduledTime ? { [SCHEDULED_TIME_ANNOTATION]: formatTime(run.scheduledTime) } : {}),
    ...(run.requestedAt !== undefined ? { [REQUESTED_AT_HANDLED_ANNOTATION]: run.requestedAt } : {}),
  };
}

function volumes(
  syncJob: SyncJob,
  connection: PipedriveConnection,
): { volumes: V1Volume[]; mounts: V1VolumeMount[] } {
  const list: V1Volume[] = [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }];
  const mounts: V1VolumeMount[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if (connection.spec.auth.scheme === 'OAuth') {
    list.push({
      name: 'pipedrive-token',
      secret: {
        secretName: oauthTokenSecretName(connection.metadata.name),
        // Only these keys: the refresh token in the same Secret never reaches the pod.
        items: [OAUTH_TOKEN_KEYS.accessToken, OAUTH_TOKEN_KEYS.apiDomain].map((key) => ({ key, path: key })),
        // Owner-read only; fsGroup adds group read, so the container's user can still read it.
        defaultMode: 0o400,
      },
    });
    mounts.push({ name: 'pipedrive-token', mountPath: OAUTH_TOKEN_MOUNT_PATH, readOnly: true });
  }
  const sqlite = syncJob.spec.destination.type === 'sqlite' ? syncJob.spec.destination.sqlite : undefined;
  if (sqlite) {
    list.push({
      name: 'sqlite',
      persistentVolumeClaim: { claimName: sqlite.persistentVolumeClaim.claimName },
    });
    mounts.push({ name: 'sqlite', mountPath: SQLITE_MOUNT_PATH });
  }
  return { volumes: list, mounts };
}

function resources(spec: SyncJob['spec']['jobTemplate']['resources']): V1ResourceRequirements {
  if (!spec) return DEFAULT_RESOURCES;
  const quantities = (list?: Record<string, string | number>) =>
    list ? Object.fromEntries(Object.entries(list).map(([k, v]) => [k, String(v)])) : undefined;
  return { requests: quantities(spec.requests), limits: quantities(spec.limits) };
}

/** The Job of one run, owned by the SyncJob so deleting the SyncJob deletes its Jobs. */
export function buildSyncJobJob(input: JobTemplateInput): V1Job {
  const { syncJob, connection, run } = input;
  const template = syncJob.spec.jobTemplate;
  const labels = jobLabels(syncJob);
  const annotations = runAnnotations(run);
  const { volumes: podVolumes, mounts } = volumes(syncJob, connection);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: run.name,
      namespace: syncJob.metadata.namespace,
      labels,
      annotations,
      ownerReferences: [
        {
          apiVersion: API_VERSION,
          kind: SYNC_JOB_KIND,
          name: syncJob.metadata.name,
          uid: syncJob.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      backoffLimit: template.backoffLimit,
      activeDeadlineSeconds: template.activeDeadlineSeconds,
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { operator: 'In', values: [EXIT_CONFIGURATION] } },
          // Evictions and node drains are not the run's fault: retry without counting them.
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
      template: {
        metadata: {
          labels: { ...template.podLabels, ...labels },
          annotations: { ...template.podAnnotations, ...annotations },
        },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          serviceAccountName: template.serviceAccountName,
          nodeSelector: template.nodeSelector,
          tolerations: template.tolerations,
          // Kept free-form in the CRD (x-kubernetes-preserve-unknown-fields); the API server validates it.
          affinity: template.affinity as V1Affinity | undefined,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS_USER,
            runAsGroup: RUN_AS_USER,
            fsGroup: RUN_AS_USER,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          volumes: podVolumes,
          containers: [
            {
              name: 'sync',
              image: template.image ?? input.operatorImage,
              args: syncArgs(syncJob, connection),
              env: syncEnv(syncJob, connection),
              resources: resources(template.resources),
              terminationMessagePolicy: 'File',
              terminationMessagePath: '/dev/termination-log',
              volumeMounts: mounts,
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}
