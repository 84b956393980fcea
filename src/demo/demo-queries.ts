/**
 * The demo's last step: show the changed deal as stored, and how to query the
 * database with the sqlite3 shell or, since that may not be installed, node.
 */
import type { Database } from 'better-sqlite3';
import type { DemoChanges } from './demo-changes.js';

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function changedDeal(db: Database, changes: DemoChanges): string[] {
  const field = db
    .prepare('select column_name from _pipedrive_custom_fields where table_name = ? and current_name = ?')
    .get('deals', changes.newFieldName) as { column_name: string } | undefined;
  const extra = field ? `, ${quoteIdent(field.column_name)}` : '';
  const sql = `select id, title, value, status${extra} from deals where id = ?`;
  const row = db.prepare(sql).get(changes.highlightedDealId) as Record<string, unknown> | undefined;
  if (!row) return [`  deal ${changes.highlightedDealId} is not in the database (unexpected).`];
  return [
    `  Deal ${changes.highlightedDealId} as stored now (new column ${field ? field.column_name : '(not found)'} included):`,
    ...Object.entries(row).map(([k, v]) => `    ${k.padEnd(16)} ${v === null ? 'NULL' : String(v)}`),
  ];
}

export function queryHints(db: Database, dbPath: string, changes: DemoChanges): string {
  try {
    const tables = db
      .prepare(
        "select count(*) as n from sqlite_master where type = 'table' and name not like '\\_%' escape '\\'",
      )
      .get() as { n: number };
    const sql = 'select id, title, value, status from deals order by update_time desc limit 5';
    return [
      ...changedDeal(db, changes),
      '',
      `  ${tables.n} tables plus bookkeeping (_pipedrive_sync_state, _pipedrive_custom_fields, _pipedrive_sync_runs).`,
      '  Query them with the sqlite3 shell:',
      `    sqlite3 ${dbPath} '${sql}'`,
      '  or with node, which is already here:',
      `    node -e "const db = require('better-sqlite3')('${dbPath}'); console.table(db.prepare('${sql}').all())"`,
      '  Run it again with: npm run demo',
    ].join('\n');
  } finally {
    db.close();
  }
}
