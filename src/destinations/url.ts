import { ConfigurationError } from '../sync/errors.js';
import { redact } from '../observability/redaction.js';

/** A destination URL, parsed once at the boundary. */
export type DestinationUrl =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgres'; connectionString: string; schema: string; password?: string }
  | {
      engine: 'mysql';
      host: string;
      port: number;
      user: string;
      password?: string;
      database: string;
      /** Bulk-load with LOAD DATA LOCAL INFILE where the server allows it (`?local_infile=off` never does). */
      localInfile: boolean;
    };

const EXAMPLES =
  'sqlite:./pipedrive.db, postgres://user:pass@host:5432/db?schema=pipedrive, mysql://user:pass@host:3306/db[?local_infile=off]';

/** Pure. Throws ConfigurationError (never echoing the password) for anything else. */
export function parseDestinationUrl(url: string): DestinationUrl {
  const trimmed = url.trim();
  if (trimmed.startsWith('sqlite:')) {
    let path = trimmed.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '')
      throw new ConfigurationError(`The SQLite destination needs a file path, e.g. sqlite:./pipedrive.db.`);
    return { engine: 'sqlite', path };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new ConfigurationError(
      `Destination "${redact(trimmed)}" is not a URL; expected one of: ${EXAMPLES}.`,
    );
  }
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const protocol = parsed.protocol.replace(/:$/, '');
  if (protocol === 'postgres' || protocol === 'postgresql') {
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    if (schema === '')
      throw new ConfigurationError('The PostgreSQL destination has an empty ?schema= parameter.');
    return { engine: 'postgres', connectionString: parsed.toString(), schema, password };
  }
  if (protocol === 'mysql' || protocol === 'mariadb') {
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (database === '') {
      throw new ConfigurationError(
        'The MySQL destination URL needs a database name, e.g. mysql://user@host:3306/db.',
      );
    }
    const localInfile = parsed.searchParams.get('local_infile') ?? 'on';
    if (!['on', 'off'].includes(localInfile)) {
      throw new ConfigurationError(
        `The MySQL destination's ?local_infile= must be on or off, not "${redact(localInfile)}".`,
      );
    }
    return {
      engine: 'mysql',
      localInfile: localInfile === 'on',
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username) || 'root',
      password,
      database,
    };
  }
  throw new ConfigurationError(`Unsupported destination "${protocol}:"; expected one of: ${EXAMPLES}.`);
}
