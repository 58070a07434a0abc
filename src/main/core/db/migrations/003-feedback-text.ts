import type { Migration } from './index';

/** Feedback is only useful for retraining with the text the suggestion was made for. */
export const migration003: Migration = {
  version: 3,
  name: 'assist feedback keeps the text it was given for',
  up: (db) => {
    db.exec(`ALTER TABLE assist_feedback ADD COLUMN text_snapshot TEXT NOT NULL DEFAULT ''`);
  },
};
