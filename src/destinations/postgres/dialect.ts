import type { ColumnType } from '../../sync/contracts.js';
import { doubleQuote, type Dialect } from '../dialect.js';

/** numeric has no fixed precision: money values keep every digit they arrive with. */
const TYPES: Record<ColumnType, string> = {
  string: 'text',
  text: 'text',
  integer: 'bigint',
  number: 'double precision',
  decimal: 'numeric',
  boolean: 'boolean',
  timestamp: 'timestamptz',
  date: 'date',
  time: 'time',
  json: 'jsonb',
};

export const postgresDialect: Dialect = {
  engine: 'postgres',
  label: 'PostgreSQL',
  identifiers: {
    // NAMEDATALEN - 1; longer names would be silently truncated by the server.
    maxLength: 63,
    unit: 'bytes',
    verbatim: /^[^\0]+$/,
    unsafe: /\0/g,
    foldsCase: false,
  },
  quote: doubleQuote,
  columnType: (type) => TYPES[type],
  placeholder: (index) => `$${index}`,
  upsertClause: (pk, update) => {
    const target = pk.map(doubleQuote).join(', ');
    if (update.length === 0) return ` ON CONFLICT (${target}) DO NOTHING`;
    return ` ON CONFLICT (${target}) DO UPDATE SET ${update.map((c) => `${doubleQuote(c)} = EXCLUDED.${doubleQuote(c)}`).join(', ')}`;
  },
  tableOptions: '',
};
