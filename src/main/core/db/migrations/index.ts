/**
 * Numbered, forward-only schema migrations (after Signal-Desktop's `ts/sql/migrations`).
 * The schema version is SQLite's `user_version`. Each migration runs in its own transaction
 * together with the version bump, so a crash leaves the database at N−1 or N, never between.
 * A database written by a newer app is refused rather than guessed at.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { migration001 } from './001-initial';
import { migration002 } from './002-emergency-and-feedback';
import { migration003 } from './003-feedback-text';
import { migration004 } from './004-ticket-draft-id';
import { migration005 } from './005-catalogue-cache';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

/** Append only. Never edit or reorder a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new AppError(
      'STORAGE',
      `本地数据库版本（${current}）比本程序支持的（${latest}）新，请升级 hotline-desk 后再打开`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
