import type { Accounts } from './auth/accounts';
import type { LoginRateLimiter } from './auth/rate-limit';
import type { ServerDb } from './db/open';
import type { SeatPresenceBoard } from './presence';

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
}
