import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, type V1Pod, type V1PodSpec } from '@kubernetes/client-node';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';
import {
  POD_RUNNER_LABEL_KEY,
  POD_RUNNER_LABEL_VALUE,
  startPodRunner,
  type RunningPodRunner,
} from '../support/pod-runner/index.js';

let ns: TestNamespace;
let runner: RunningPodRunner;
let core: CoreV1Api;

beforeAll(async () => {
  ns = await createTestNamespace('platform-runner');
  runner = await startPodRunner({ kubeConfig: ns.kubeConfig, namespace: ns.name });
  core = ns.kubeConfig.makeApiClient(CoreV1Api);
  await core.createNamespacedSecret({
    namespace: ns.name,
    body: { metadata: { name: 'creds' }, stringData: { token: 's3cret' } },
  });
  await core.createNamespacedConfigMap({
    namespace: ns.name,
    body: { metadata: { name: 'settings' }, data: { mode: 'full' } },
  });
});
afterAll(async () => {
  await runner?.stop();
  await ns?.delete();
});

/** A labelled pod whose only container runs `node -e script` (the runner's test hook). */
function aPod(name: string, script: string, spec: Partial<V1PodSpec> = {}, container = {}): V1Pod {
  return {
    metadata: { name, labels: { [POD_RUNNER_LABEL_KEY]: POD_RUNNER_LABEL_VALUE } },
    spec: {
      restartPolicy: 'Never',
      containers: [
        { name: 'main', image: 'pipedrive-sync-operator:dev', command: ['node', '-e', script], ...container },
      ],
      ...spec,
    },
  };
}

async function waitForPod(name: string, done: (pod: V1Pod) => boolean): Promise<V1Pod> {
  for (let i = 0; i < 600; i++) {
    const pod = await core.readNamespacedPod({ name, namespace: ns.name });
    if (done(pod)) return pod;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pod ${name} never reached the expected state`);
}
const finished = (pod: V1Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const message = (pod: V1Pod) => pod.status?.containerStatuses?.[0]?.state?.terminated?.message ?? '';

const reportScript = `
const fs = require('fs');
fs.appendFileSync('/data/runs', process.env.POD_NAME + '\\n');
fs.writeFileSync('/dev/termination-log', JSON.stringify({
  token: process.env.TOKEN, mode: process.env.MODE, namespace: process.env.NS,
  fileToken: fs.readFileSync('/etc/creds/token', 'utf8'), fileMode: fs.readFileSync('/etc/settings/mode', 'utf8'),
  runs: fs.readFileSync('/data/runs', 'utf8').trim().split('\\n'),
}));`;

const reportingSpec: Partial<V1PodSpec> = {
  volumes: [
    { name: 'creds', secret: { secretName: 'creds' } },
    { name: 'settings', configMap: { name: 'settings' } },
    { name: 'data', persistentVolumeClaim: { claimName: 'state' } },
  ],
};
const reportingContainer = {
  env: [
    { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
    { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
  ],
  volumeMounts: [
    { name: 'creds', mountPath: '/etc/creds', readOnly: true },
    { name: 'settings', mountPath: '/etc/settings' },
    { name: 'data', mountPath: '/data' },
  ],
};

describe('the local pod runner', () => {
  it('resolves env and volumes and keeps a claim directory between pods', async () => {
    await core.createNamespacedPod({
      namespace: ns.name,
      body: aPod('first', reportScript, reportingSpec, reportingContainer),
    });
    await waitForPod('first', finished);
    await core.createNamespacedPod({
      namespace: ns.name,
      body: aPod('second', reportScript, reportingSpec, reportingContainer),
    });
    const second = await waitForPod('second', finished);
    expect(second.status?.phase).toBe('Succeeded');
    expect(JSON.parse(message(second))).toEqual({
      token: 's3cret',
      mode: 'full',
      namespace: ns.name,
      fileToken: 's3cret',
      fileMode: 'full',
      runs: ['first', 'second'],
    });
    expect(readFileSync(join(runner.claimsDir, ns.name, 'state', 'runs'), 'utf8')).toBe('first\nsecond\n');
  });

  it('waits while a referenced Secret is missing, then runs once it exists', async () => {
    const env = [{ name: 'LATE', valueFrom: { secretKeyRef: { name: 'late', key: 'value' } } }];
    const script = "require('fs').writeFileSync('/dev/termination-log', process.env.LATE)";
    await core.createNamespacedPod({ namespace: ns.name, body: aPod('late', script, {}, { env }) });
    const waiting = await waitForPod(
      'late',
      (p) => p.status?.containerStatuses?.[0]?.state?.waiting !== undefined,
    );
    expect(waiting.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CreateContainerConfigError');
    await core.createNamespacedSecret({
      namespace: ns.name,
      body: { metadata: { name: 'late' }, stringData: { value: 'here' } },
    });
    const done = await waitForPod('late', finished);
    expect(message(done)).toBe('here');
  });

  it('gives a pod with a service-account token a kubeconfig acting as that ServiceAccount', async () => {
    // The automatic kube-api-access volume becomes $KUBECONFIG; the default ServiceAccount has no RBAC.
    const script = `
const fs = require('fs');
const config = fs.readFileSync(process.env.KUBECONFIG, 'utf8');
const server = /server: "?([^\\s"]+)/.exec(config)[1];
const token = /token: "?([^\\s"]+)/.exec(config)[1];
require('https').get(server + '/api/v1/namespaces/' + process.env.NS + '/secrets',
  { rejectUnauthorized: false, headers: { authorization: 'Bearer ' + token } }, (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => fs.writeFileSync('/dev/termination-log', res.statusCode + ' ' + JSON.parse(body).message));
  });`;
    const env = [{ name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }];
    await core.createNamespacedPod({ namespace: ns.name, body: aPod('identity', script, {}, { env }) });
    const pod = await waitForPod('identity', finished);
    expect(message(pod)).toContain('403');
    expect(message(pod)).toContain(`system:serviceaccount:${ns.name}:default`);
  });

  it('runs init containers to completion before the main container', async () => {
    const work = { volumes: [{ name: 'work', emptyDir: {} }] };
    const mounts = [{ name: 'work', mountPath: '/work' }];
    const init = (name: string, script: string) => ({
      name,
      image: 'pipedrive-sync-operator:dev',
      command: ['node', '-e', script],
      volumeMounts: mounts,
    });
    const main =
      "const fs = require('fs'); fs.writeFileSync('/dev/termination-log', fs.readFileSync('/work/ready', 'utf8'))";
    const pod = aPod(
      'initialised',
      main,
      {
        ...work,
        initContainers: [init('prepare', "require('fs').writeFileSync('/work/ready', 'prepared')")],
      },
      { volumeMounts: mounts },
    );
    await core.createNamespacedPod({ namespace: ns.name, body: pod });
    const done = await waitForPod('initialised', finished);
    expect(done.status?.phase).toBe('Succeeded');
    expect(message(done)).toBe('prepared');
    expect(done.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(0);

    const failing = aPod(
      'uninitialised',
      main,
      { ...work, initContainers: [init('broken', 'process.exit(4)')] },
      { volumeMounts: mounts },
    );
    await core.createNamespacedPod({ namespace: ns.name, body: failing });
    const failed = await waitForPod('uninitialised', finished);
    expect(failed.status?.phase).toBe('Failed');
    expect(failed.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(4);
    expect(failed.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
  });

  it('fails a pod that outlives activeDeadlineSeconds', async () => {
    await core.createNamespacedPod({
      namespace: ns.name,
      body: aPod('slow', 'setTimeout(() => {}, 120000)', {
        activeDeadlineSeconds: 2,
        terminationGracePeriodSeconds: 1,
      }),
    });
    const pod = await waitForPod('slow', finished);
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.reason).toBe('DeadlineExceeded');
  });

  it('kills the process of a deleted pod and removes the pod', async () => {
    const script =
      "require('fs').writeFileSync('/data/pid', String(process.pid)); setTimeout(() => {}, 120000)";
    const spec = { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'deletion' } }] };
    await core.createNamespacedPod({
      namespace: ns.name,
      body: aPod('doomed', script, spec, { volumeMounts: [{ name: 'data', mountPath: '/data' }] }),
    });
    await waitForPod('doomed', (p) => p.status?.containerStatuses?.[0]?.state?.running !== undefined);
    const pidFile = join(runner.claimsDir, ns.name, 'deletion', 'pid');
    let pid = 0;
    for (let i = 0; i < 300 && !pid; i++) {
      pid = Number(readFileSync(pidFile, { encoding: 'utf8', flag: 'a+' }));
      if (!pid) await new Promise((r) => setTimeout(r, 100));
    }
    await core.deleteNamespacedPod({ name: 'doomed', namespace: ns.name, gracePeriodSeconds: 2 });
    let gone = false;
    for (let i = 0; i < 300 && !gone; i++) {
      gone = await core.readNamespacedPod({ name: 'doomed', namespace: ns.name }).then(
        () => false,
        (e: { code?: number }) => e.code === 404,
      );
      if (!gone) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gone).toBe(true);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
