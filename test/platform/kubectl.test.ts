import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureControlPlane, type ControlPlane } from '../support/cluster/index.js';

let controlPlane: ControlPlane;

beforeAll(async () => {
  controlPlane = await ensureControlPlane();
});

describe('kubectl against the local control plane', () => {
  it('lists the namespaces with the written kubeconfig', async () => {
    const { stdout } = await promisify(execFile)('kubectl', ['get', 'ns', '-o', 'name'], {
      env: { ...process.env, KUBECONFIG: controlPlane.kubeconfigPath },
    });
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining(['namespace/default', 'namespace/kube-system']),
    );
  });
});
