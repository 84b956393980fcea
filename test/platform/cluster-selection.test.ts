import { describe, expect, it } from 'vitest';
import { selectionNeedsCluster } from '../support/cluster/global-setup.js';

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
