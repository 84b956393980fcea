/**
 * docs/cli.md, generated from the commands' own help so the reference cannot
 * drift from the code. `npm run docs:cli` rewrites it; a test fails when stale.
 */
import { writeFile } from 'node:fs/promises';
import { commandHelp } from './command.js';
import { COMMANDS } from './commands.js';

const INTRO = `# pipedrive-sync CLI reference

Generated from \`pipedrive-sync <command> --help\` by \`npm run docs:cli\`; do not edit by hand.

Secrets (API tokens, OAuth client secrets, refresh tokens, database passwords) are read from the
environment or from files, never from arguments, and are redacted from every log line and error.
Exit codes: 0 success, 1 transient failure (retry later), 2 configuration or credential error.
`;

export async function cliReference(): Promise<string> {
  const sections: string[] = [INTRO];
  for (const [name, entry] of Object.entries(COMMANDS)) {
    const command = await entry.load();
    sections.push(`## ${name}\n\n\`\`\`text\n${commandHelp(command).trimEnd()}\n\`\`\`\n`);
  }
  return sections.join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && /cli-reference\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  await writeFile(new URL('../../docs/cli.md', import.meta.url), await cliReference());
}
