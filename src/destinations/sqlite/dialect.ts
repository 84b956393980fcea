import type { ColumnType } from '../../sync/contracts.js';
import { doubleQuote, type Dialect } from '../dialect.js';

/** SQLite stores decimals with NUMERIC affinity so comparisons and sums work (exact to 15 digits). */
const TYPES: Record<ColumnType, string> = {
  string: 'TEXT',
  text: 'TEXT',
  integer: 'INTEGER',
  number: 'REAL',
  decimal: 'NUMERIC',
  boolean: 'INTEGER',
  timestamp: 'TEXT',
  date: 'TEXT',
  time: 'TEXT',
  json: 'TEXT',
};

export const sqliteDialect: Dialect = {
  engine: 'sqlite',
  label: 'SQLite',
  identifiers: {
    // SQLite has no limit; 128 keeps names readable in every client.
    maxLength: 128,
    unit: 'chars',
    // SQLite folds ASCII letters only, so names with A-Z are lower-cased and hashed.
    verbatim: /^[^\0A-Z]+$/,
    unsafe: /\0/g,
    foldsCase: true,
  },
  quote: doubleQuote,
  columnType: (type) => TYPES[type],
  placeholder: () => '?',
  upsertClause: (pk, update) => {
    const target = pk.map(doubleQuote).join(', ');
    if (update.length === 0) return ` ON CONFLICT (${target}) DO NOTHING`;
    return ` ON CONFLICT (${target}) DO UPDATE SET ${update.map((c) => `${doubleQuote(c)} = excluded.${doubleQuote(c)}`).join(', ')}`;
  },
  tableOptions: '',
};
