import type { ColumnType } from '../../sync/contracts.js';
import type { Dialect } from '../dialect.js';

/**
 * DECIMAL(38,10): 28 integer digits hold any money amount, 10 fractional digits
 * hold exchange rates; JSON numbers carry no more precision than that anyway.
 * Text uses MEDIUMTEXT/LONGTEXT so wide tables stay under the row-size limit.
 */
const TYPES: Record<ColumnType, string> = {
  string: 'MEDIUMTEXT',
  text: 'LONGTEXT',
  integer: 'BIGINT',
  number: 'DOUBLE',
  decimal: 'DECIMAL(38,10)',
  boolean: 'BOOLEAN',
  timestamp: 'DATETIME(3)',
  date: 'DATE',
  time: 'TIME',
  json: 'JSON',
};

/** 380 utf8mb4 characters: two of them still fit InnoDB's 3072-byte key limit. */
const KEY_TEXT = 'VARCHAR(380)';

function quote(identifier: string): string {
  return `\`${identifier.replace(/`/g, '``')}\``;
}

export const mysqlDialect: Dialect = {
  engine: 'mysql',
  label: 'MySQL',
  identifiers: {
    maxLength: 64,
    unit: 'chars',
    // MySQL compares names ignoring case and accents and allows only the BMP, without
    // trailing spaces: only lower-case printable ASCII is kept verbatim.
    verbatim: /^[ -@[-~]*[!-@[-~]$/,
    unsafe: /[^\x20-\x7e\u00a0-\ud7ff\ue000-\uffff]/gu,
    foldsCase: true,
  },
  quote,
  columnType: (type, primaryKey) =>
    primaryKey && (type === 'string' || type === 'text') ? KEY_TEXT : TYPES[type],
  placeholder: () => '?',
  upsertClause: (pk, update) => {
    // VALUES(col) works on MariaDB and MySQL 8 alike (MariaDB lacks the row-alias form).
    const set = (update.length > 0 ? update : pk).map((c) => `${quote(c)} = VALUES(${quote(c)})`);
    return ` ON DUPLICATE KEY UPDATE ${set.join(', ')}`;
  },
  tableOptions: ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
};
