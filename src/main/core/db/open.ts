/**
 * Opens the client's SQLite file: WAL, FULL sync (a saved appeal survives a power cut), foreign
 * keys, migrations. A corrupt file is moved aside (never overwritten) and reported; a read-only
 * file is reported and left alone. Either way the caller gets a StorageFailure to show on screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../../../shared/errors';
import { migrate } from './migrations';
import * as schema from './schema';

export type Drizzle = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Drizzle;
  file: string;
}

export interface StorageFailure {
  kind: 'corrupt' | 'read_only' | 'newer_version' | 'unavailable';
  message: string; // Chinese, shown on the error screen
  file: string;
  keptAs?: string; // where a corrupt file was moved
}

export class StorageError extends AppError {
  constructor(readonly failure: StorageFailure) {
    super('STORAGE', failure.message);
  }
}

export const DATABASE_FILE_NAME = 'hotline-desk.db';

function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT');
}

function isReadOnly(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS';
}

/** Moves a damaged file (and its WAL/SHM companions) aside under a timestamped name. */
function keepAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const keptAs = `${file}.corrupt-${stamp}`;
  fs.renameSync(file, keptAs);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, keptAs + suffix);
  }
  return keptAs;
}

export function openDatabase(dataDir: string, now: () => Date = () => new Date()): OpenedDatabase {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StorageError({
      kind: 'unavailable',
      file,
      message: `无法创建数据目录 ${dataDir}（${(error as Error).message}）。请检查磁盘和权限后重启。`,
    });
  }

  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file);
    // quick_check reads every page header: it catches a file that opens but is garbage.
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    applyPragmas(sqlite);
    migrate(sqlite);
    // Prove we can write: a read-only file opens and reads fine, then fails on the first save.
    sqlite.prepare(`INSERT INTO settings(key, value) VALUES('last_opened_at', ?)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(now().toISOString()));
    return { sqlite, db: drizzle(sqlite, { schema }), file };
  } catch (error) {
    sqlite?.close();
    if (error instanceof AppError) {
      throw new StorageError({ kind: 'newer_version', file, message: error.message });
    }
    if (isCorruption(error)) {
      const keptAs = keepAside(file, now());
      throw new StorageError({
        kind: 'corrupt',
        file,
        keptAs,
        message: `本地数据库文件已损坏，无法打开。原文件已原样保留为 ${keptAs}，未做任何改动。重启程序将新建空的本地库，已同步的工单会从服务器取回；请联系管理员检查保留的文件。`,
      });
    }
    if (isReadOnly(error)) {
      throw new StorageError({
        kind: 'read_only',
        file,
        message: `本地数据库文件是只读的，无法保存诉求：${file}。请让管理员恢复该文件的写权限后重启。`,
      });
    }
    throw new StorageError({
      kind: 'unavailable',
      file,
      message: `无法打开本地数据库 ${file}（${(error as Error).message}）。`,
    });
  }
}
