import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterTestDirs, selectionNeedsCluster } from '../support/cluster/global-setup.js';

const argv = (...args: string[]) => ['/usr/bin/node', '/repo/node_modules/vitest/vitest.mjs', ...args];

describe('which vitest selections get the Kubernetes binaries ensured', () => {
  it.each([
    [argv('run'), true],
    [argv('run', 'test/simulator'), false],
    [argv('run', 'test/simulator', '--reporter=dot'), false],
    [argv('run', 'test/platform'), true],
    [argv('run', './test/operator/'), true],
    [argv('run', 'test'), true],
    [argv('run', 'test/deploy/manifests.test.ts'), true],
  ])('%j -> %s', (args, expected) => {
    expect(selectionNeedsCluster(args)).toBe(expected);
  });
});

describe('which test folders count as needing the control plane', () => {
  it('adds folders importing the harness, also through their own support files', () => {
    const root = mkdtempSync(join(tmpdir(), 'cluster-dirs-'));
    mkdirSync(join(root, 'widgets/support'), { recursive: true });
    mkdirSync(join(root, 'simulator'), { recursive: true });
    writeFileSync(
      join(root, 'widgets/support/env.ts'),
      "import { x } from '../../support/pod-runner/index.js';",
    );
    writeFileSync(join(root, 'simulator/a.test.ts'), "import { y } from '../../src/simulator/index.js';");
    const dirs = clusterTestDirs(root);
    rmSync(root, { recursive: true, force: true });
    expect(dirs).toContain('test/widgets');
    expect(dirs).not.toContain('test/simulator');
    expect(selectionNeedsCluster(argv('run', 'test/widgets'), dirs)).toBe(true);
  });
});
