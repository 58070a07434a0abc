// Opens the database in DIR and prints the outcome as JSON. Run as another user by the
// read-only test, because root ignores file permissions.
import { openDatabase, StorageError } from '../../src/main/core/db/open';

try {
  openDatabase(process.argv[2]!).sqlite.close();
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify(error instanceof StorageError ? { ok: false, failure: error.failure } : { ok: false, error: String(error) }));
}
