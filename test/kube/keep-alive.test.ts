/**
 * The operator's API clients reuse their connections to the real local
 * kube-apiserver (HTTPS, token auth), where client-node's own clients open a
 * new connection and TLS session per call. Which socket a request used is
 * read from Node's HTTP diagnostics channel (`request.reusedSocket`), so the
 * test observes the transport, not our code's bookkeeping.
 */
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClients } from '../../src/kube/client.js';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';

let ns: TestNamespace;
beforeAll(async () => {
  ns = await createTestNamespace('keep-alive');
});
afterAll(() => ns?.delete());

/** Runs `calls` and reports, per finished HTTP request, whether it went over an already open socket. */
async function socketReuse(calls: () => Promise<unknown>): Promise<boolean[]> {
  const reused: boolean[] = [];
  const channel = diagnostics.channel('http.client.response.finish');
  const listener = (message: unknown) =>
    reused.push((message as { request: ClientRequest }).request.reusedSocket);
  channel.subscribe(listener);
  try {
    await calls();
  } finally {
    channel.unsubscribe(listener);
  }
  return reused;
}

const sixReads = (core: k8s.CoreV1Api, batch: k8s.BatchV1Api, namespace: string) => async () => {
  for (let i = 0; i < 3; i++) {
    await core.readNamespace({ name: namespace });
    await batch.listNamespacedJob({ namespace });
  }
};

describe('keep-alive API clients', () => {
  test('consecutive calls of different API groups share one open connection', async () => {
    const { core, batch } = createKubeClients(ns.kubeConfig);
    const reused = await socketReuse(sixReads(core, batch, ns.name));
    expect(reused).toHaveLength(6);
    // The first call may open the connection; every later one must reuse it.
    expect(reused.slice(1)).toEqual([true, true, true, true, true]);
  });

  test('client-node alone opens a new connection per call (why the shared agent exists)', async () => {
    const core = ns.kubeConfig.makeApiClient(k8s.CoreV1Api);
    const batch = ns.kubeConfig.makeApiClient(k8s.BatchV1Api);
    const reused = await socketReuse(sixReads(core, batch, ns.name));
    expect(reused).toHaveLength(6);
    expect(reused.filter(Boolean)).toHaveLength(0);
  });

  test('errors still surface with their HTTP status', async () => {
    const { core } = createKubeClients(ns.kubeConfig);
    await expect(core.readNamespacedSecret({ namespace: ns.name, name: 'absent' })).rejects.toMatchObject({
      code: 404,
    });
  });
});
