/**
 * The informer's supervision, against a scripted API server on 127.0.0.1
 * (the only way to make a watch go silent or a list fail on purpose):
 * a failing list is retried with backoff, a silent watch is abandoned by the
 * watchdog and the object created meanwhile is seen after the relist, and a
 * 410 Gone forces a relist.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as k8s from '@kubernetes/client-node';
import { afterEach, describe, expect, test } from 'vitest';
import { systemClock } from '../../src/kube/clock.js';
import { SupervisedInformer, type InformerEvent } from '../../src/kube/informer.js';
import { createLogger } from '../../src/observability/logger.js';

interface Script {
  lists: number;
  watches: number;
  /** Answers list number n (1-based). */
  list(n: number): { status: number; items: object[]; rv: string };
  /** Handles watch number n: write lines, end, or never answer. */
  watch(n: number, send: (line: object) => void, end: () => void): void;
}

let server: Server | undefined;
let informer:
  | SupervisedInformer<{ metadata?: { name?: string; namespace?: string; resourceVersion?: string } }>
  | undefined;

afterEach(async () => {
  informer?.stop();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

const cm = (name: string, rv: string) => ({ metadata: { name, namespace: 'ns', resourceVersion: rv } });

async function start(script: Script, watchdogMs = 400) {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      script.watch(
        ++script.watches,
        (line) => res.write(`${JSON.stringify(line)}\n`),
        () => res.end(),
      );
      return;
    }
    const { status, items, rv } = script.list(++script.lists);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(status === 200 ? { items, metadata: { resourceVersion: rv } } : { message: 'boom' }),
    );
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const config = new k8s.KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  const events: [InformerEvent, string][] = [];
  informer = new SupervisedInformer({
    name: 'configmaps',
    config,
    watch: new k8s.Watch(config),
    path: '/api/v1/namespaces/ns/configmaps',
    onEvent: (event, obj) => events.push([event, obj.metadata?.name ?? '']),
    logger: createLogger({ level: 'error' }),
    clock: systemClock,
    watchdogMs,
    resyncMs: 0,
    backoff: { minMs: 20, maxMs: 100 },
  });
  informer.start();
  return events;
}

const until = async (what: string, ok: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('supervised informer', () => {
  test('retries a failing list with backoff until it syncs', async () => {
    const script: Script = {
      lists: 0,
      watches: 0,
      list: (n) =>
        n < 3 ? { status: 500, items: [], rv: '' } : { status: 200, items: [cm('a', '5')], rv: '5' },
      watch: () => undefined,
    };
    const events = await start(script);
    await informer!.waitForSync();
    expect(script.lists).toBe(3);
    expect(events).toEqual([['add', 'a']]);
    expect(informer!.get('ns', 'a')?.metadata?.resourceVersion).toBe('5');
  });

  test('a silent watch is restarted by the watchdog and nothing is missed', async () => {
    const script: Script = {
      lists: 0,
      watches: 0,
      // The second list shows an object created while the first watch hung silently.
      list: (n) =>
        n === 1
          ? { status: 200, items: [cm('a', '5')], rv: '5' }
          : { status: 200, items: [cm('a', '5'), cm('b', '9')], rv: '9' },
      watch: () => undefined,
    };
    const events = await start(script, 300);
    await until('b seen', () => events.some(([, name]) => name === 'b'));
    expect(script.lists).toBeGreaterThanOrEqual(2);
    expect(events.filter(([e]) => e === 'add').map(([, n]) => n)).toEqual(['a', 'b']);
  });

  test('watch events update the cache; an ERROR 410 forces a relist that drops deleted objects', async () => {
    const script: Script = {
      lists: 0,
      watches: 0,
      list: (n) =>
        n === 1
          ? { status: 200, items: [cm('a', '5'), cm('b', '5')], rv: '5' }
          : { status: 200, items: [cm('a', '7')], rv: '8' },
      watch: (n, send, end) => {
        if (n === 1) {
          send({ type: 'MODIFIED', object: cm('a', '7') });
          send({ type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old' } });
          end();
        }
      },
    };
    const events = await start(script, 5000);
    await until('b deleted', () => events.some(([e, n]) => e === 'delete' && n === 'b'));
    expect(events.slice(0, 3)).toEqual([
      ['add', 'a'],
      ['add', 'b'],
      ['update', 'a'],
    ]);
    expect(informer!.list().map((o) => o.metadata?.name)).toEqual(['a']);
  });
});
