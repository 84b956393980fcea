/**
 * Reading secrets for the CLI: from the environment or from files, never from
 * an argument (arguments show in `ps` and shell history). Every value read is
 * registered for redaction before anything can log it.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { registerSecret } from '../observability/redaction.js';
import type { OptionSpec, ParsedOptions } from './command.js';
import { UsageError } from './command.js';

export type Env = Record<string, string | undefined>;

/** Options that would put a secret on the command line; accepted by the parser only to explain the refusal. */
const SECRET_FLAGS: Record<string, string> = {
  token: 'PIPEDRIVE_API_TOKEN or --token-file',
  'api-token': 'PIPEDRIVE_API_TOKEN or --token-file',
  'client-secret': 'PIPEDRIVE_CLIENT_SECRET or --client-secret-file',
  'refresh-token': 'PIPEDRIVE_REFRESH_TOKEN or --refresh-token-file',
  'access-token': 'PIPEDRIVE_ACCESS_TOKEN or --access-token-file',
};

export const REJECTED_SECRET_OPTIONS: Record<string, OptionSpec> = Object.fromEntries(
  Object.keys(SECRET_FLAGS).map((name) => [name, { type: 'string', hidden: true, description: 'Rejected.' }]),
);

export function rejectSecretArguments(options: ParsedOptions): void {
  for (const [flag, instead] of Object.entries(SECRET_FLAGS)) {
    if (options[flag] !== undefined) {
      throw new UsageError(
        `--${flag} is not accepted because command-line arguments are visible to other users in 'ps' and shell history; use ${instead} instead.`,
      );
    }
  }
}

/** Reads a secret file, trimming the trailing newline editors and `kubectl` add. */
export async function readSecretFile(path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
    );
  }
  const value = text.trim();
  if (value === '') throw new UsageError(`The ${what} file ${path} is empty.`);
  registerSecret(value);
  return value;
}

/** A secret from `--<fileFlag>` when given, else from the environment variable; registered for redaction. */
export async function readSecret(
  options: ParsedOptions,
  fileFlag: string,
  env: Env,
  envName: string,
  what: string,
): Promise<string | undefined> {
  const file = options[fileFlag];
  if (typeof file === 'string' && file !== '') return readSecretFile(file, what);
  const value = env[envName]?.trim();
  if (!value) return undefined;
  registerSecret(value);
  return value;
}

/**
 * Replaces a file's content atomically (write a sibling, then rename), so a
 * crash leaves either the old or the new token, never half of one.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode: 0o600, flush: true });
  await rename(temporary, path);
}
