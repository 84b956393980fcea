/**
 * The event recorder against the real local kube-apiserver: events queued by
 * `record` are posted in the background and exist after `flush`; a repeat of
 * the same reason and note is not posted again; beyond `maxQueued` waiting
 * events, new ones are dropped instead of piling up in memory.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClients, type KubeClients } from '../../src/kube/client.js';
import { systemClock } from '../../src/kube/clock.js';
import { EventRecorder } from '../../src/kube/event-recorder.js';
import { createLogger } from '../../src/observability/logger.js';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';

let ns: TestNamespace;
let clients: KubeClients;
beforeAll(async () => {
  ns = await createTestNamespace('events');
  clients = createKubeClients(ns.kubeConfig);
});
afterAll(() => ns?.delete());

const recorder = (options: { maxInFlight?: number; maxQueued?: number } = {}) =>
  new EventRecorder({
    events: clients.events,
    reportingController: 'pipedrive.sync.dev/test-controller',
    reportingInstance: 'test',
    clock: systemClock,
    logger: createLogger({ level: 'error' }),
    ...options,
  });

const subject = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns.name, uid: `uid-${name}` },
});

async function notesAbout(name: string): Promise<string[]> {
  const list = await clients.events.listNamespacedEvent({ namespace: ns.name });
  return list.items
    .filter((e) => e.regarding?.name === name)
    .map((e) => e.note ?? '')
    .sort();
}

describe('event recorder', () => {
  test('queued events are posted in the background and exist after flush; repeats are not posted', async () => {
    const r = recorder({ maxInFlight: 2 });
    for (let i = 0; i < 6; i++) r.record(subject('a'), 'Normal', 'Tested', 'Test', `note ${i}`);
    r.record(subject('a'), 'Normal', 'Tested', 'Test', 'note 0');
    await r.flush();
    expect(await notesAbout('a')).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
  });

  test('beyond maxQueued waiting events, new ones are dropped', async () => {
    const r = recorder({ maxInFlight: 1, maxQueued: 2 });
    // One is taken by the sender at once, two wait, the other seven are dropped.
    for (let i = 0; i < 10; i++) r.record(subject('b'), 'Warning', 'Flooded', 'Test', `flood ${i}`);
    await r.flush();
    expect(await notesAbout('b')).toEqual(['flood 0', 'flood 1', 'flood 2']);
  });
});
