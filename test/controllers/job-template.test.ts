import { describe, expect, test } from 'vitest';
import type { V1Container, V1Job } from '@kubernetes/client-node';
import { buildSyncJobJob } from '../../src/controllers/job-template.js';
import type { RunRequest } from '../../src/controllers/sync-job-plan-runs.js';
import { aConnection, aSyncJob, at } from './builders.js';

const run: RunRequest = {
  name: 'acme-to-warehouse-29412600',
  trigger: 'Schedule',
  generation: 2,
  scheduledTime: at('2025-12-01T10:00:00Z'),
};
const oauth = aConnection({
  spec: {
    auth: {
      scheme: 'OAuth',
      oauth: {
        clientIdSecretRef: { name: 'app', key: 'id' },
        clientSecretSecretRef: { name: 'app', key: 'secret' },
        refreshTokenSecretRef: { name: 'app', key: 'refresh' },
      },
    },
  },
});
const build = (overrides: Partial<Parameters<typeof buildSyncJobJob>[0]> = {}): V1Job =>
  buildSyncJobJob({
    syncJob: aSyncJob(),
    connection: aConnection(),
    run,
    operatorImage: 'ghcr.io/x/operator:1.0',
    ...overrides,
  });
const container = (job: V1Job): V1Container => job.spec!.template.spec!.containers[0]!;
const env = (job: V1Job) => Object.fromEntries((container(job).env ?? []).map((e) => [e.name, e]));

describe('buildSyncJobJob', () => {
  test('names the Job after the run and makes the SyncJob its controller owner', () => {
    const job = build();
    expect(job.metadata?.name).toBe(run.name);
    expect(job.metadata?.namespace).toBe('sales');
    expect(job.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'pipedrive.sync.dev/v1alpha1',
        kind: 'SyncJob',
        name: 'acme-to-warehouse',
        uid: 'uid-1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  });

  test('labels Job and pod, and annotates the schedule time and trigger', () => {
    const job = build();
    for (const labels of [job.metadata?.labels, job.spec?.template.metadata?.labels]) {
      expect(labels).toMatchObject({
        'app.kubernetes.io/part-of': 'pipedrive-sync-operator',
        'app.kubernetes.io/name': 'pipedrive-sync',
        'pipedrive.sync.dev/syncjob': 'acme-to-warehouse',
      });
    }
    expect(job.metadata?.annotations).toMatchObject({
      'pipedrive.sync.dev/scheduled-time': '2025-12-01T10:00:00Z',
      'pipedrive.sync.dev/trigger': 'Schedule',
      'pipedrive.sync.dev/generation': '2',
    });
  });

  test('runs under the restricted pod security standard without a service-account token', () => {
    const job = build();
    const pod = job.spec!.template.spec!;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container(job).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container(job).volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
  });

  test('fails the Job at once on exit code 2 (configuration), and retries other failures', () => {
    const job = build();
    expect(job.spec?.podFailurePolicy?.rules[0]).toEqual({
      action: 'FailJob',
      onExitCodes: { operator: 'In', values: [2] },
    });
    expect(job.spec?.backoffLimit).toBe(2);
    expect(job.spec?.activeDeadlineSeconds).toBe(14400);
    expect(container(job).terminationMessagePolicy).toBe('File');
  });

  test('passes non-secret settings as sync arguments and credentials only through secretKeyRef', () => {
    const job = build({ syncJob: aSyncJob({ spec: { tables: ['deals', 'persons'], mode: 'Full' } }) });
    expect(container(job).args).toEqual([
      'sync',
      '--domain',
      'acme',
      '--schema',
      'v2',
      '--mode',
      'full',
      '--custom-field-naming',
      'name',
      '--max-daily-budget-percent',
      '80',
      '--destination-env',
      'DESTINATION_URL',
      '--report-file',
      '/dev/termination-log',
      '--tables',
      'deals,persons',
    ]);
    expect(env(job).PIPEDRIVE_API_TOKEN).toEqual({
      name: 'PIPEDRIVE_API_TOKEN',
      valueFrom: { secretKeyRef: { name: 'acme-pipedrive', key: 'apiToken' } },
    });
    expect(env(job).DESTINATION_URL).toEqual({
      name: 'DESTINATION_URL',
      valueFrom: { secretKeyRef: { name: 'warehouse', key: 'url' } },
    });
    const literal = (container(job).env ?? []).filter((e) => e.value !== undefined).map((e) => e.name);
    expect(literal).toEqual(['TMPDIR']);
  });

  test('OAuth mounts only the operator-issued access token and api_domain, read-only', () => {
    const job = build({ connection: oauth });
    const pod = job.spec!.template.spec!;
    expect(pod.volumes).toContainEqual({
      name: 'pipedrive-token',
      secret: {
        secretName: 'acme-oauth-token',
        items: [
          { key: 'accessToken', path: 'accessToken' },
          { key: 'apiDomain', path: 'apiDomain' },
        ],
        defaultMode: 0o400,
      },
    });
    expect(container(job).volumeMounts).toContainEqual({
      name: 'pipedrive-token',
      mountPath: '/var/run/secrets/pipedrive',
      readOnly: true,
    });
    const args = container(job).args ?? [];
    expect(args.slice(args.indexOf('--access-token-file'), args.indexOf('--access-token-file') + 4)).toEqual([
      '--access-token-file',
      '/var/run/secrets/pipedrive/accessToken',
      '--api-domain-file',
      '/var/run/secrets/pipedrive/apiDomain',
    ]);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('an OAuth Job carries no client secret, client id or refresh token, by reference or by value', () => {
    const job = build({ connection: oauth });
    const text = JSON.stringify(job);
    // The user's OAuth app Secret ("app") is not referenced at all; no refresh token or client key is.
    expect(text).not.toMatch(/"app"|refresh|client/i);
    const envNames = (container(job).env ?? []).map((e) => e.name);
    expect(envNames).toEqual(['DESTINATION_URL', 'TMPDIR']);
    const secretVolumes = (job.spec!.template.spec!.volumes ?? []).filter((v) => v.secret);
    expect(secretVolumes.map((v) => v.secret?.items?.map((i) => i.key))).toEqual([
      ['accessToken', 'apiDomain'],
    ]);
  });

  test('SQLite mounts the claim and points DESTINATION_URL at the file on it', () => {
    const job = build({
      syncJob: aSyncJob({
        spec: {
          destination: {
            type: 'sqlite',
            sqlite: { persistentVolumeClaim: { claimName: 'data' }, path: 'crm/acme.db' },
          },
        },
      }),
    });
    expect(job.spec?.template.spec?.volumes).toContainEqual({
      name: 'sqlite',
      persistentVolumeClaim: { claimName: 'data' },
    });
    expect(container(job).volumeMounts).toContainEqual({
      name: 'sqlite',
      mountPath: '/var/lib/pipedrive-sync',
    });
    expect(env(job).DESTINATION_URL).toEqual({
      name: 'DESTINATION_URL',
      value: 'sqlite:/var/lib/pipedrive-sync/crm/acme.db',
    });
  });

  test("uses the operator's image unless the template overrides it, and the template's pod settings", () => {
    expect(container(build()).image).toBe('ghcr.io/x/operator:1.0');
    const job = build({
      syncJob: aSyncJob({
        spec: {
          jobTemplate: {
            image: 'registry.local/sync:2',
            resources: { limits: { cpu: 1, memory: '1Gi' } },
            nodeSelector: { pool: 'batch' },
            serviceAccountName: 'syncer',
            podLabels: { team: 'crm' },
            backoffLimit: 0,
          },
        },
      }),
    });
    expect(container(job).image).toBe('registry.local/sync:2');
    expect(container(job).resources).toEqual({ limits: { cpu: '1', memory: '1Gi' } });
    expect(job.spec?.template.spec?.nodeSelector).toEqual({ pool: 'batch' });
    expect(job.spec?.template.spec?.serviceAccountName).toBe('syncer');
    expect(job.spec?.template.metadata?.labels).toMatchObject({
      team: 'crm',
      'pipedrive.sync.dev/syncjob': 'acme-to-warehouse',
    });
    expect(job.spec?.backoffLimit).toBe(0);
  });
});
