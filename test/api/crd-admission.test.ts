import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GROUP, pipedriveConnectionSchema, syncJobSchema, VERSION } from '../../src/api/index.js';
import { REPOSITORY_ROOT } from '../../src/api/generate-crds.js';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';
import { installCrds } from './crd-installation.js';
import { aValidConnection, aValidSyncJob, INVALID_SPECS } from './invalid-specs.js';

const PLURALS = { PipedriveConnection: 'pipedriveconnections', SyncJob: 'syncjobs' } as const;
type Kind = keyof typeof PLURALS;

let ns: TestNamespace;
let api: CustomObjectsApi;

beforeAll(async () => {
  ns = await createTestNamespace('api-admission');
  api = ns.kubeConfig.makeApiClient(CustomObjectsApi);
  await installCrds(ns.kubeConfig);
});
afterAll(() => ns?.delete());

/** Creates the object (dry run unless `persist`); resolves to the stored object or the API server's message. */
async function create(
  kind: Kind,
  object: Record<string, unknown>,
  persist = false,
): Promise<{ ok: boolean; message: string; body?: Record<string, unknown> }> {
  const body = { ...object, metadata: { ...(object.metadata as object), namespace: ns.name } };
  try {
    const created = (await api.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns.name,
      plural: PLURALS[kind],
      body,
      dryRun: persist ? undefined : 'All',
    })) as Record<string, unknown>;
    return { ok: true, message: '', body: created };
  } catch (error) {
    const raw = (error as { body?: unknown }).body;
    const parsed =
      typeof raw === 'string' ? (JSON.parse(raw) as { message?: string }) : (raw as { message?: string });
    return { ok: false, message: parsed?.message ?? String(error) };
  }
}

describe('the API server, with the generated CRDs, rejects every invalid spec and names the field', () => {
  test.each(INVALID_SPECS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await create(c.kind, c.object);
    expect(result.ok).toBe(false);
    expect(result.message).toContain(c.field);
  });

  test('the valid bases of the corpus are accepted', async () => {
    expect((await create('PipedriveConnection', aValidConnection())).ok).toBe(true);
    expect((await create('SyncJob', aValidSyncJob())).ok).toBe(true);
  });
});

describe('the API server and the zod schemas agree', () => {
  test('defaults applied by the API server equal the zod defaults', async () => {
    for (const [kind, object, schema] of [
      ['PipedriveConnection', aValidConnection({}, 'defaults'), pipedriveConnectionSchema],
      [
        'SyncJob',
        aValidSyncJob(
          {
            schedule: undefined,
            destination: { type: 'sqlite', sqlite: { persistentVolumeClaim: { claimName: 'd' } } },
          },
          'defaults',
        ),
        syncJobSchema,
      ],
    ] as const) {
      const stored = await create(kind, object, true);
      expect(stored.ok, stored.message).toBe(true);
      expect(stored.body?.spec).toEqual(schema.parse(object).spec);
    }
  });

  test('connectionRef cannot change after creation', async () => {
    await create('SyncJob', aValidSyncJob({}, 'immutable'), true);
    const error = await api
      .patchNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: ns.name,
        plural: 'syncjobs',
        name: 'immutable',
        body: [{ op: 'replace', path: '/spec/connectionRef/name', value: 'other' }],
      })
      .then(
        () => undefined,
        (e: { body?: string }) => e.body ?? '',
      );
    expect(error).toContain('spec.connectionRef');
    expect(error).toContain('immutable');
  });

  const samplesDir = join(REPOSITORY_ROOT, 'deploy/samples');
  const samples = readdirSync(samplesDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(samplesDir, file), 'utf8'))
        .map((d) => d.toJS() as Record<string, unknown> | null)
        .filter(
          (o): o is Record<string, unknown> =>
            o !== null && (o.kind === 'PipedriveConnection' || o.kind === 'SyncJob'),
        )
        .map((o) => [`${file}: ${o.kind}`, o] as const),
    );

  test('deploy/samples holds custom resources to check', () => expect(samples.length).toBeGreaterThan(0));

  test.each(samples)('%s is valid for zod and for the API server', async (_name, object) => {
    const kind = object.kind as Kind;
    const schema = kind === 'SyncJob' ? syncJobSchema : pipedriveConnectionSchema;
    expect(schema.safeParse(object).error?.issues ?? []).toEqual([]);
    const result = await create(kind, object);
    expect(result.message).toBe('');
  });
});
