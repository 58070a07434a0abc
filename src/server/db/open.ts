/**
 * Opens the server's SQLite file in the data directory: WAL (readers never wait for the writer),
 * synchronous=FULL (an acked command survives a power cut), foreign keys, migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrateServer } from './migrations';
import * as schema from './schema';

export type ServerDb = BetterSQLite3Database<typeof schema>;

export interface OpenedServerDb {
  sqlite: Database.Database;
  db: ServerDb;
  file: string;
}

export const SERVER_DB_FILE = 'hotline-server.db';

export function openServerDb(dataDir: string, now: () => Date = () => new Date()): OpenedServerDb {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SERVER_DB_FILE);
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    migrateServer(sqlite, now);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), file };
}
