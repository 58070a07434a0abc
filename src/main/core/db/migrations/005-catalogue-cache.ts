import type { Migration } from './index';

/**
 * The responsibility catalogue version this seat dispatches against while offline: the latest
 * version fetched from the server (one row). Without a row the shipped starter catalogue is used.
 */
export const migration005: Migration = {
  version: 5,
  name: 'cached responsibility catalogue',
  up: (db) => {
    db.exec(`
      CREATE TABLE catalogue_cache (
        version INTEGER PRIMARY KEY,
        entries TEXT NOT NULL,
        fetched_at TEXT NOT NULL
      );
    `);
  },
};
