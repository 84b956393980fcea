import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Shell scripts users run (the kind end-to-end script) and CI runs: they cannot all be executed
 * here (kind needs Docker), so they are at least checked by shellcheck (Debian's package).
 */
const scripts = ['test/e2e/kind.sh', '.ci/run', 'tools/kube/build.sh'];

describe('shell scripts', () => {
  it.each(scripts)('%s passes shellcheck', (script) => {
    let out = '';
    try {
      out = execFileSync('shellcheck', ['--severity=warning', script], { encoding: 'utf8' });
    } catch (error) {
      const e = error as { code?: string; stdout?: string };
      if (e.code === 'ENOENT')
        throw new Error('shellcheck is missing: apt-get install shellcheck (.ci/run does)');
      throw new Error(`shellcheck found problems in ${script}:\n${e.stdout ?? ''}`);
    }
    expect(out).toBe('');
  });
});
