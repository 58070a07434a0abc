import type { Accounts } from './auth/accounts';
import type { LoginRateLimiter } from './auth/rate-limit';
import type { ServerDb } from './db/open';
import type { SeatPresenceBoard } from './presence';
import type { DispatchDomain } from './dispatch';
import type { Change } from '../shared/sync-wire';

/** What the HTTP and socket layers share. */
export interface ServerContext {
  db: ServerDb;
  accounts: Accounts;
  /** Per account: a handful of wrong passwords locks the account for a while. */
  loginLimiter: LoginRateLimiter;
  /** Per remote address, much higher: a whole call centre signs in from behind one NAT address. */
  addressLimiter: LoginRateLimiter;
  presence: SeatPresenceBoard;
  now: () => Date;
  startedAt: string;
  /** Where attachments are kept (`<dataDir>/attachments`). */
  dataDir: string;
  dispatch: DispatchDomain;
  /** Fans out changes made outside a socket push (unit API, reviewer page) to every client. */
  publish: (changes: Change[], fromSeq: number, toSeq: number) => void;
  /** Tells clients a new catalogue version is out (they fetch the delta over HTTP). */
  announceCatalogue: (version: number) => void;
}
