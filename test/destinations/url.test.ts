import { describe, expect, test } from 'vitest';
import { parseDestinationUrl } from '../../src/destinations/index.js';
import { ConfigurationError } from '../../src/sync/errors.js';

describe('parseDestinationUrl', () => {
  test.each([
    ['a relative SQLite file', 'sqlite:./pipedrive.db', { engine: 'sqlite', path: './pipedrive.db' }],
    ['an in-memory SQLite database', 'sqlite::memory:', { engine: 'sqlite', path: ':memory:' }],
    [
      'an absolute SQLite file in URL form',
      'sqlite:///var/data/p.db',
      { engine: 'sqlite', path: '/var/data/p.db' },
    ],
    [
      'PostgreSQL with a schema',
      'postgres://u:p%40ss@db:5433/crm?schema=pipedrive&sslmode=require',
      {
        engine: 'postgres',
        schema: 'pipedrive',
        password: 'p@ss',
        connectionString: 'postgres://u:p%40ss@db:5433/crm?sslmode=require',
      },
    ],
    ['PostgreSQL defaults to public', 'postgresql://u@db/crm', { engine: 'postgres', schema: 'public' }],
    [
      'MySQL',
      'mysql://app:secret@maria:3307/crm',
      { engine: 'mysql', host: 'maria', port: 3307, user: 'app', password: 'secret', database: 'crm' },
    ],
    [
      'MySQL default port and user',
      'mysql://db/crm',
      { engine: 'mysql', port: 3306, user: 'root', database: 'crm', localInfile: true },
    ],
    ['MySQL without LOAD DATA', 'mysql://db/crm?local_infile=off', { engine: 'mysql', localInfile: false }],
  ])('%s', (_name, url, expected) => {
    expect(parseDestinationUrl(url)).toMatchObject(expected);
  });

  test.each([
    ['an unknown scheme', 'oracle://x/y', /Unsupported destination "oracle:"/],
    ['MySQL without a database', 'mysql://root:hunter22@db:3306/', /needs a database name/],
    ['SQLite without a path', 'sqlite:', /needs a file path/],
    ['something that is not a URL', 'not a url', /is not a URL/],
    [
      'a MySQL local_infile that is neither on nor off',
      'mysql://db/crm?local_infile=yes',
      /must be on or off/,
    ],
  ])('rejects %s with a clear configuration error', (_name, url, message) => {
    expect(() => parseDestinationUrl(url)).toThrow(ConfigurationError);
    expect(() => parseDestinationUrl(url)).toThrow(message);
  });

  test('never echoes a password', () => {
    expect(() => parseDestinationUrl('mysql://root:hunter22@db:3306/')).not.toThrow(/hunter22/);
  });
});
