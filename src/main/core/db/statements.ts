/**
 * Prepared statements, compiled once per connection and reused. Compiling a statement costs tens of
 * microseconds and garbage on every call; on the save path that garbage showed up as young-generation
 * GC pauses in the p99 of `bench:store`. SQLite re-prepares a cached statement itself after a schema
 * change, so reuse is safe across migrations.
 */
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = sqlite.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
