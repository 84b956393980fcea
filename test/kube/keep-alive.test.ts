/**
 * The operator's API clients reuse their connections to the real local
 * kube-apiserver (HTTPS, token auth), where client-node's own clients open a
 * new connection and TLS session per call. Which socket a request used is
 * read from Node's HTTP diagnostics channel (`request.reusedSocket`), so the
 * test observes the transport, not our code's bookkeeping. The idle-socket
 * limit is checked against the real server too; that it never cuts off a slow
 * answer needs a server that answers slowly on purpose (a local HTTP one).
 */
import diagnostics from 'node:diagnostics_channel';
import { createServer, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClients } from '../../src/kube/client.js';
import { keepAliveAuthentication, makeKeepAliveClient } from '../../src/kube/keep-alive.js';
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

  test('a pooled connection idle longer than idleSocketMs is closed; the next call opens a new one', async () => {
    const auth = keepAliveAuthentication(ns.kubeConfig, { idleSocketMs: 200 });
    const core = makeKeepAliveClient(ns.kubeConfig, k8s.CoreV1Api, auth);
    const reused = await socketReuse(async () => {
      await core.readNamespace({ name: ns.name });
      await core.readNamespace({ name: ns.name });
      await new Promise((resolve) => setTimeout(resolve, 600));
      await core.readNamespace({ name: ns.name });
    });
    expect(reused).toEqual([false, true, false]);
  });

  test('an answer slower than idleSocketMs is not cut off', async () => {
    const server = createServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'slow' } }));
      }, 500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const config = new k8s.KubeConfig();
      config.loadFromOptions({
        clusters: [
          {
            name: 'c',
            server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            skipTLSVerify: true,
          },
        ],
        users: [{ name: 'u', token: 't' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      const core = makeKeepAliveClient(
        config,
        k8s.CoreV1Api,
        keepAliveAuthentication(config, { idleSocketMs: 100 }),
      );
      expect((await core.readNamespace({ name: 'slow' })).metadata?.name).toBe('slow');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
