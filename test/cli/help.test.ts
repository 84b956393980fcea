import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { captureMain } from './capture-main.js';
import { runCli } from './run-cli.js';

describe('CLI help', () => {
  it('lists every command', async () => {
    const { code, stdout } = await captureMain(['--help']);
    expect(code).toBe(0);
    for (const name of ['check', 'discover', 'sync', 'simulator', 'demo', 'auth'])
      expect(stdout).toContain(`  ${name}`);
  });

  it.each(Object.keys(COMMANDS))('prints help for %s with its usage and options', async (name) => {
    const { code, stdout } = await captureMain([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: pipedrive-sync ${name}`);
    expect(stdout).toMatch(/Options:\n {2}/);
    expect(stdout).not.toMatch(/--token VALUE|--client-secret VALUE/);
  });

  it('documents the sync options the Job and people rely on', async () => {
    const { stdout } = await captureMain(['sync', '--help']);
    for (const flag of [
      '--destination',
      '--destination-env',
      '--tables',
      '--mode',
      '--report-file',
      '--config',
      '--token-file',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('PIPEDRIVE_API_TOKEN');
  });

  it('works through the installed binary', async () => {
    const result = await runCli(['sync', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: pipedrive-sync sync');
  });
});
