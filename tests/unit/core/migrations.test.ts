import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../../src/main/core/db/migrations';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import * as schema from '../../../src/main/core/db/schema';

describe('migrations', () => {
  it('are numbered 1..N with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('bring an empty database to the latest version, and are idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toEqual([]);
  });

  it('001 → 002 keeps every ticket and draft that existed', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare(`INSERT INTO tickets VALUES ('t1','离线-0001',NULL,'recorded','pending',NULL,'phone','咨询','a/b/c','7d','标题','内容',
      '13812345678','张三',0,0,'',NULL,NULL,'','2026-01-01','2026-01-01','a@1',1,NULL)`).run();
    db.prepare(`INSERT INTO drafts VALUES ('d1','{"title":"x"}','2026-01-01')`).run();
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toEqual([2]);
    expect(db.prepare('SELECT id, title FROM tickets').all()).toEqual([{ id: 't1', title: '标题' }]);
    expect(db.prepare('SELECT id FROM drafts').all()).toEqual([{ id: 'd1' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM draft_events').get()).toEqual({ n: 0 });
  });

  it('002 → 003 keeps assist feedback and gives old rows an empty text snapshot', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare(`INSERT INTO assist_feedback(at, actor, draft_id, field, suggested, chosen, accepted) VALUES ('2026-01-01', 'a@1', 'd1', 'appealType', '投诉', '咨询', 0)`).run();
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toEqual([3]);
    expect(db.prepare('SELECT field, chosen, text_snapshot FROM assist_feedback').all()).toEqual([{ field: 'appealType', chosen: '咨询', text_snapshot: '' }]);
  });

  it('refuse a database written by a newer app, leaving it untouched', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/比本程序支持的.*新/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('roll back a migration that fails halfway', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT nope FROM nowhere;') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half'`).get()).toBeUndefined();
  });

  it('create exactly the columns the drizzle schema declares', () => {
    const db = new Database(':memory:');
    migrate(db);
    for (const table of Object.values(schema)) {
      const config = getTableConfig(table);
      const columns = (db.prepare(`PRAGMA table_info(${config.name})`).all() as Array<{ name: string }>).map((c) => c.name).sort();
      expect(columns, config.name).toEqual(config.columns.map((c) => c.name).sort());
    }
  });
});
