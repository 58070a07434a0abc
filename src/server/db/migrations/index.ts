/**
 * Numbered, forward-only migrations of the server database (after Signal-Desktop's
 * `ts/sql/migrations`). Versions are recorded in a `schema_migrations` table rather than SQLite's
 * user_version so the same runner works on PostgreSQL. Each migration runs in one transaction
 * with its version row; a database from a newer server is refused.
 */
import type Database from 'better-sqlite3';
import { migration001 } from './001-initial';
import { migration002 } from './002-edit-versions';
import { migration003 } from './003-dispatch';

export interface ServerMigration {
  version: number;
  name: string;
  statements: readonly string[]; // portable SQL, run in order
}

/** Append only. Never edit or reorder a migration that has shipped. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [migration001, migration002, migration003];

export class NewerDatabaseError extends Error {}

export function migrateServer(
  sqlite: Database.Database,
  now: () => Date = () => new Date(),
  migrations: readonly ServerMigration[] = SERVER_MIGRATIONS,
): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = sqlite.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > migrations.length) {
    throw new NewerDatabaseError(
      `服务器数据库版本（${current}）比本程序支持的（${migrations.length}）新，请升级服务器程序`,
    );
  }
  const applied: number[] = [];
  for (const m of migrations.slice(current)) {
    sqlite.transaction(() => {
      for (const statement of m.statements) sqlite.prepare(statement).run();
      sqlite
        .prepare('INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, now().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
