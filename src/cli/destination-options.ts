/**
 * Where a sync writes: a destination URL given directly, through an
 * environment variable (the Kubernetes Job maps a Secret key there) or a file.
 * The URL's password is registered for redaction as soon as it is read.
 */
import { registerSecret } from '../observability/redaction.js';
import type { OptionSpec, ParsedOptions } from './command.js';
import { UsageError } from './command.js';
import type { Env } from './credentials.js';
import { readSecretFile } from './credentials.js';

export const DESTINATION_OPTIONS: Record<string, OptionSpec> = {
  destination: {
    type: 'string',
    value: 'URL',
    description: 'sqlite:./file.db, postgres://user@host:5432/db?schema=s or mysql://user@host:3306/db.',
  },
  'destination-env': {
    type: 'string',
    value: 'NAME',
    description: 'Read the destination URL from this environment variable (keeps passwords out of ps).',
  },
  'destination-file': {
    type: 'string',
    value: 'FILE',
    description: 'Read the destination URL from this file.',
  },
  'table-prefix': { type: 'string', value: 'PREFIX', description: 'Prefix for every data table name.' },
};

function registerUrlSecrets(url: string): void {
  try {
    const parsed = new URL(url);
    if (parsed.password) registerSecret(decodeURIComponent(parsed.password));
  } catch {
    // sqlite:./file.db and other non-hierarchical URLs carry no password.
  }
}

/** The destination URL from the first of --destination, --destination-env, --destination-file; undefined if none. */
export async function destinationUrlFrom(options: ParsedOptions, env: Env): Promise<string | undefined> {
  let url: string | undefined;
  if (typeof options.destination === 'string') {
    url = options.destination;
  } else if (typeof options['destination-env'] === 'string') {
    const name = options['destination-env'];
    url = env[name]?.trim();
    if (!url)
      throw new UsageError(`--destination-env names ${name}, but that environment variable is not set.`);
  } else if (typeof options['destination-file'] === 'string') {
    url = await readSecretFile(options['destination-file'], 'destination URL');
  }
  if (url !== undefined) registerUrlSecrets(url);
  return url;
}

/** Adds `?schema=` for PostgreSQL when a config file names a schema the URL does not. */
export function withPostgresSchema(url: string, schema: string | undefined): string {
  if (!schema || !/^postgres(ql)?:/.test(url) || /[?&]schema=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}schema=${encodeURIComponent(schema)}`;
}
