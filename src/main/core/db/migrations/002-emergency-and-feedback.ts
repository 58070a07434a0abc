import type { Migration } from './index';

/**
 * Emergency decisions can happen before the appeal is saved (the agent is still on the call), so
 * they are kept per draft and moved onto the ticket when the draft becomes one. Assist feedback
 * is kept for retraining the classifier.
 */
export const migration002: Migration = {
  version: 2,
  name: 'draft events (emergency decisions before save) and assist feedback',
  up: (db) => {
    db.exec(`
      CREATE TABLE draft_events (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX draft_events_draft ON draft_events(draft_id, at);

      CREATE TABLE assist_feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        draft_id TEXT NOT NULL,
        field TEXT NOT NULL,
        suggested TEXT,
        chosen TEXT,
        accepted INTEGER NOT NULL
      );
    `);
  },
};
