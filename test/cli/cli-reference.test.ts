import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { cliReference } from '../../src/cli/cli-reference.js';

it('docs/cli.md matches the commands (regenerate with npm run docs:cli)', async () => {
  const committed = await readFile(new URL('../../docs/cli.md', import.meta.url), 'utf8');
  expect(committed).toBe(await cliReference());
});
