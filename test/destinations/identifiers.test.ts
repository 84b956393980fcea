import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { identifierLength, physicalIdentifier } from '../../src/destinations/identifiers.js';
import { mysqlDialect, postgresDialect, sqliteDialect, type Dialect } from '../../src/destinations/index.js';

const DIALECTS: Dialect[] = [sqliteDialect, postgresDialect, mysqlDialect];
/** Names as a user could type them: any unicode, quotes, long runs of one character. */
const names = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('a', 'A', '"', '`', ';', ' ', 'é', '🚀', '\0', '_'), maxLength: 400 }),
);

/** How the engine compares two names: case-folding engines see Foo and foo as one. */
const sameFor = (dialect: Dialect, name: string): string =>
  dialect.identifiers.foldsCase ? name.toLowerCase() : name;

describe.each(DIALECTS.map((d) => [d.label, d] as const))('%s identifiers', (_label, dialect) => {
  const rules = dialect.identifiers;

  test('are deterministic and within the engine limit', () => {
    fc.assert(
      fc.property(names, (name) => {
        const physical = physicalIdentifier(name, rules);
        expect(physicalIdentifier(name, rules)).toBe(physical);
        expect(identifierLength(physical, rules.unit)).toBeLessThanOrEqual(rules.maxLength);
        expect(physical).not.toContain('\0');
        expect(physical.length).toBeGreaterThan(0);
      }),
    );
  });

  test('stay distinct for distinct inputs', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        fc.pre(a !== b);
        expect(sameFor(dialect, physicalIdentifier(a, rules))).not.toBe(
          sameFor(dialect, physicalIdentifier(b, rules)),
        );
      }),
    );
  });

  test.each([
    ['plain snake_case is kept', 'deal_value', 'deal_value'],
    ['a reserved system name moves aside', '_synced_at', /^_synced_at_[0-9a-f]{10}$/],
  ])('%s', (_name, input, expected) => {
    const physical = physicalIdentifier(input, rules, new Set(['_synced_at']));
    if (typeof expected === 'string') expect(physical).toBe(expected);
    else expect(physical).toMatch(expected);
  });

  test('quoting escapes the quote character', () => {
    expect(dialect.quote('a"b`c')).toBe(dialect.engine === 'mysql' ? '`a"b``c`' : '"a""b`c"');
  });
});

test('MySQL keeps names with upper case, non-ASCII or trailing spaces away from their folded twins', () => {
  const rules = mysqlDialect.identifiers;
  for (const name of ['Name', 'café', 'emoji 🚀', 'trailing ']) {
    const physical = physicalIdentifier(name, rules);
    expect(physical).toMatch(/_[0-9a-f]{10}$/);
    expect(physical).not.toMatch(/[\u{10000}-\u{10FFFF}]/u);
  }
});

test('generated names round-trip through a real CREATE TABLE on SQLite', () => {
  const db = new Database(':memory:');
  fc.assert(
    fc.property(fc.uniqueArray(names, { minLength: 1, maxLength: 8 }), (list) => {
      const table = physicalIdentifier(list.join('|'), sqliteDialect.identifiers);
      const columns = list.map((n) => physicalIdentifier(n, sqliteDialect.identifiers));
      const q = sqliteDialect.quote;
      db.exec(`DROP TABLE IF EXISTS ${q(table)}`);
      db.exec(`CREATE TABLE ${q(table)} (${columns.map((c) => `${q(c)} TEXT`).join(', ')})`);
      const stored = (db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(stored).toEqual(columns);
      db.exec(`DROP TABLE ${q(table)}`);
    }),
    { numRuns: 200 },
  );
  db.close();
});
