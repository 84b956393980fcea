import { describe, expect, it } from 'vitest';
import { containerCommand } from '../support/pod-runner/container-command.js';
import { expandVariables, mapPaths } from '../support/pod-runner/path-mapping.js';

const mappings = [
  { containerPath: '/data', hostPath: '/tmp/pod/data' },
  { containerPath: '/data/cache', hostPath: '/tmp/cache' },
  { containerPath: '/dev/termination-log', hostPath: '/tmp/pod/termination-log' },
];

describe('pod runner path mapping', () => {
  it.each([
    ['/data/db.sqlite', '/tmp/pod/data/db.sqlite'],
    ['sqlite:/data/db.sqlite', 'sqlite:/tmp/pod/data/db.sqlite'],
    ['--db=/data', '--db=/tmp/pod/data'],
    ['/data/cache/x', '/tmp/cache/x'],
    ['/database/x', '/database/x'],
    ['/var/data/x', '/var/data/x'],
    ["fs.writeFileSync('/dev/termination-log', m)", "fs.writeFileSync('/tmp/pod/termination-log', m)"],
  ])('maps %s to %s', (value, expected) => {
    expect(mapPaths(value, mappings)).toBe(expected);
  });

  it('expands $(VAR) references like the kubelet', () => {
    expect(expandVariables('$(A)-$(B)-$$(A)', { A: 'x' })).toBe('x-$(B)-$(A)');
  });
});

describe('pod runner container commands', () => {
  const run = (container: { command?: string[]; args?: string[] }) =>
    containerCommand({ name: 'c', ...container }, '/repo', '/usr/bin/node');

  it.each([
    [{ args: ['sync', '--once'] }, ['/repo/bin/pipedrive-sync.js'], ['sync', '--once']],
    [
      { command: ['pipedrive-sync', 'sync'], args: ['--once'] },
      ['/repo/bin/pipedrive-sync.js'],
      ['sync', '--once'],
    ],
    [{ command: ['/app/bin/pipedrive-sync.js'] }, ['/repo/bin/pipedrive-sync.js'], []],
    [{ command: ['node', '-e', '1'] }, [], ['-e', '1']],
  ])('runs %j as node %j %j', (container, entry, args) => {
    expect(run(container)).toEqual({ executable: '/usr/bin/node', entry, args });
  });

  it('refuses other executables', () => {
    expect(run({ command: ['sh', '-c', 'true'] })).toHaveProperty('error');
  });
});
