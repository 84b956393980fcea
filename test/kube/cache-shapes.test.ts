import { describe, expect, test } from 'vitest';
import { leanJob, leanResource, leanSecret } from '../../src/kube/cache-shapes.js';

const managedFields = [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': {} } }];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

describe('what the informer caches keep', () => {
  test('a custom resource keeps spec, status and its own annotations, without managedFields or last-applied', () => {
    const syncJob = {
      apiVersion: 'pipedrive.sync.dev/v1alpha1',
      kind: 'SyncJob',
      metadata: {
        name: 'sj',
        namespace: 'ns',
        uid: 'u1',
        generation: 3,
        annotations: { [LAST_APPLIED]: '{"a huge":"copy"}', 'pipedrive.sync.dev/requested-at': 'now' },
        managedFields,
      },
      spec: { tables: ['deals'] },
      status: { observedGeneration: 3 },
    };
    expect(leanResource(syncJob)).toEqual({
      apiVersion: 'pipedrive.sync.dev/v1alpha1',
      kind: 'SyncJob',
      metadata: {
        name: 'sj',
        namespace: 'ns',
        uid: 'u1',
        generation: 3,
        annotations: { 'pipedrive.sync.dev/requested-at': 'now' },
      },
      spec: { tables: ['deals'] },
      status: { observedGeneration: 3 },
    });
    // The original is not modified: the informer may still hand it to a handler.
    expect(syncJob.metadata.managedFields).toBe(managedFields);
  });

  test('a Job keeps metadata and status, not its pod template', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'sj-1',
        namespace: 'ns',
        uid: 'j1',
        labels: { a: 'b' },
        annotations: { 'pipedrive.sync.dev/trigger': 'Manual' },
        ownerReferences: [{ apiVersion: 'v', kind: 'SyncJob', name: 'sj', uid: 'u1', controller: true }],
        managedFields,
      },
      spec: { template: { spec: { containers: [{ name: 'sync', image: 'x' }] } } },
      status: { active: 1, startTime: '2026-11-29T00:00:00Z' },
    };
    const lean = leanJob(job);
    expect(lean.spec).toBeUndefined();
    expect(lean.status).toEqual(job.status);
    expect(lean.metadata).toEqual({
      ...job.metadata,
      managedFields: undefined,
      annotations: job.metadata.annotations,
    });
    expect(lean.metadata).not.toHaveProperty('managedFields');
  });

  test('a Secret keeps the names of its keys, never the values', () => {
    const lean = leanSecret({
      metadata: { name: 's', namespace: 'ns', managedFields } as never,
      type: 'Opaque',
      data: { url: 'cG9zdGdyZXM6Ly9zZWNyZXQ=', token: 'dG9rZW4=' },
    });
    expect(lean).toEqual({
      metadata: { name: 's', namespace: 'ns' },
      type: 'Opaque',
      keys: ['url', 'token'],
    });
    expect(JSON.stringify(lean)).not.toContain('cG9zdGdyZXM6Ly9zZWNyZXQ=');
  });
});
