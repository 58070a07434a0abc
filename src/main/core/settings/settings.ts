/** Small JSON key/value settings in the client database (client id, session, counters, sync cursor). */
import type Database from 'better-sqlite3';
import { statement } from '../db/statements';

export function readSetting<T>(sqlite: Database.Database, key: string): T | undefined {
  const row = statement(sqlite, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeSetting(sqlite: Database.Database, key: string, value: unknown): void {
  statement(sqlite, 'INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value));
}

export function deleteSetting(sqlite: Database.Database, key: string): void {
  statement(sqlite, 'DELETE FROM settings WHERE key = ?').run(key);
}
