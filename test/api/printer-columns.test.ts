import { request, type RequestOptions } from 'node:https';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GROUP, VERSION } from '../../src/api/index.js';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';
import { installCrds } from './crd-installation.js';
import { aValidConnection, aValidSyncJob } from './invalid-specs.js';

let ns: TestNamespace;

beforeAll(async () => {
  ns = await createTestNamespace('api-columns');
  await installCrds(ns.kubeConfig);
  const api = ns.kubeConfig.makeApiClient(CustomObjectsApi);
  for (const [plural, object] of [
    ['pipedriveconnections', aValidConnection()],
    ['syncjobs', aValidSyncJob()],
  ] as const) {
    const body = { ...object, metadata: { ...(object.metadata as object), namespace: ns.name } };
    await api.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns.name,
      plural,
      body,
    });
  }
});
afterAll(() => ns?.delete());

interface Table {
  columnDefinitions: { name: string }[];
  rows: { cells: unknown[] }[];
}
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** GETs `path`; with the Table media type the server prints the rows the way `kubectl get` shows them. */
async function get<T>(kubeConfig: KubeConfig, path: string, accept = 'application/json'): Promise<T> {
  const server = new URL(kubeConfig.getCurrentCluster()!.server);
  const options: RequestOptions = {
    hostname: server.hostname,
    port: server.port,
    path,
    headers: { Accept: accept },
  };
  await kubeConfig.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    request(options, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`)),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('kubectl get shows the printer columns', () => {
  test.each([
    [
      'pipedriveconnections',
      ['Name', 'Domain', 'Schema', 'Auth', 'Ready', 'Reason', 'Age', 'Message'],
      ['acme', 'acme', 'V2', 'Basic'],
    ],
    [
      'syncjobs',
      [
        'Name',
        'Connection',
        'Schedule',
        'Suspend',
        'Ready',
        'Last Success',
        'Rows',
        'Age',
        'Reason',
        'Message',
      ],
      ['acme-to-warehouse', 'acme', '*/30 * * * *', false],
    ],
  ])('%s', async (plural, columns, firstCells) => {
    const table = await get<Table>(
      ns.kubeConfig,
      `/apis/${GROUP}/${VERSION}/namespaces/${ns.name}/${plural}`,
      TABLE,
    );
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(columns);
    expect(table.rows[0]?.cells.slice(0, firstCells.length)).toEqual(firstCells);
  });

  test('both kinds are in the pipedrive category with their short names', async () => {
    const discovery = await get<{
      resources: { name: string; shortNames?: string[]; categories?: string[] }[];
    }>(ns.kubeConfig, `/apis/${GROUP}/${VERSION}`);
    const byName = Object.fromEntries(discovery.resources.map((r) => [r.name, r]));
    expect(byName.pipedriveconnections).toMatchObject({ shortNames: ['pdconn'], categories: ['pipedrive'] });
    expect(byName.syncjobs).toMatchObject({ shortNames: ['pdsync'], categories: ['pipedrive'] });
    expect(Object.keys(byName).sort()).toEqual([
      'pipedriveconnections',
      'pipedriveconnections/status',
      'syncjobs',
      'syncjobs/status',
    ]);
  });
});
