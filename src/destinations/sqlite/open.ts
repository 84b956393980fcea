import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DestinationSettings } from '../settings.js';
import { SqliteDestination } from './destination.js';
import { sqliteError } from './errors.js';

/** Opens (creating the folder if needed) a SQLite file in WAL mode. */
export function openSqlite(path: string, settings: DestinationSettings): SqliteDestination {
  try {
    const memory = path === ':memory:';
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    if (!memory) db.pragma('journal_mode = WAL');
    // NORMAL is durable at transaction boundaries under WAL, and much faster than FULL.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Checkpoints every ~40 MB of WAL instead of 4 MB: each one waits for two fsyncs, and a full sync
    // commits a batch every few thousand rows (writing 300,000 rows: 5.1-5.6 s instead of 5.4-6.9 s).
    db.pragma('wal_autocheckpoint = 10000');
    return new SqliteDestination(db, settings);
  } catch (error) {
    throw sqliteError(`open ${path}`, error);
  }
}
