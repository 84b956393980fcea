import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * No Docker engine runs here and hadolint is not packaged for npm or Debian, so the image is
 * checked two ways: rules a Dockerfile linter would apply, and the Dockerfile's own build steps
 * (production install, the build, the entrypoint) replayed in a temp directory, with the
 * entrypoint run as the image's non-root UID on a read-only application directory.
 */
const root = new URL('../../', import.meta.url).pathname;
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const UID = 65532;

describe('Dockerfile rules', () => {
  it('is multi-stage on a maintained Node LTS base', () => {
    const froms = instructions.filter((l) => l.startsWith('FROM '));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const major = Number(/ARG NODE_MAJOR=(\d+)/.exec(dockerfile)?.[1]);
    // Even majors are LTS; 22 is maintained until 2027-04-30, 24 until 2028-04-30.
    expect([22, 24]).toContain(major);
  });

  it('runs as a numeric non-root user, with an exec-form entrypoint', () => {
    const user = instructions.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toMatch(new RegExp(`^USER ${UID}:${UID}$`));
    expect(instructions.find((l) => l.startsWith('ENTRYPOINT '))).toMatch(
      /^ENTRYPOINT \[".*node", "\/app\/bin\/pipedrive-sync\.js"\]$/,
    );
  });

  it('installs production dependencies only in the runtime, from the lockfile', () => {
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('npm prune --omit=dev');
    expect(dockerfile).not.toMatch(/npm install(?! -g)/);
    expect(dockerfile).not.toMatch(/^ADD https?:/m);
  });

  it('carries the OCI labels', () => {
    for (const label of ['title', 'description', 'version', 'revision', 'licenses', 'source']) {
      expect(dockerfile).toContain(`org.opencontainers.image.${label}=`);
    }
  });

  it('cleans apt lists and uses no latest tags', () => {
    expect(dockerfile).toContain('rm -rf /var/lib/apt/lists/*');
    expect(dockerfile).not.toMatch(/FROM \S+:latest/);
  });
});

describe('Dockerfile build steps, replayed', () => {
  const work = mkdtempSync(join(tmpdir(), 'image-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('builds, prunes to production dependencies and runs the entrypoint as UID 65532 read-only', () => {
    // The build context .dockerignore lets through.
    for (const entry of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'src',
      'bin',
    ]) {
      cpSync(join(root, entry), join(work, entry), { recursive: true });
    }
    const sh = (cmd: string, args: string[], cwd = work) =>
      execFileSync(cmd, args, {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CI: 'true' },
      });
    // The build stage compiles with the project's dev tools; reuse the installed ones for tsc.
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
    sh('npm', ['run', 'build']);
    rmSync(join(work, 'node_modules'));
    // The runtime gets production dependencies only, installed from the lockfile.
    sh('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund']);
    const installed = readFileSync(join(work, 'package-lock.json'), 'utf8');
    expect(installed).toContain('"node_modules/vitest"');
    expect(() => sh('node', ['-e', "import('vitest')"])).toThrow();
    rmSync(join(work, 'src'), { recursive: true });
    // Read-only application directory, owned by root, run as the image's UID (mkdtemp makes it 0700:
    // open it to others first, as the image's /app is).
    chmodSync(work, 0o755);
    sh('chmod', ['-R', 'a-w', work]);
    const run = (args: string[]) =>
      execFileSync(
        'setpriv',
        [
          `--reuid=${UID}`,
          `--regid=${UID}`,
          '--clear-groups',
          'node',
          join(work, 'bin/pipedrive-sync.js'),
          ...args,
        ],
        {
          cwd: '/',
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '/usr/bin', HOME: '/nonexistent' },
        },
      );
    expect(run(['--help'])).toContain('Usage: pipedrive-sync <command>');
    expect(run(['simulator', '--help'])).toContain('simulator');
    chmodSync(work, 0o755);
  }, 600_000);
});
