/**
 * The central server as a value: `startHotlineServer(options)` opens the database, seeds the
 * first-start accounts, and serves HTTP + Socket.IO on one port. Used by the CLI, the tests and
 * the benchmarks alike.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts } from './auth/accounts';
import { LoginRateLimiter } from './auth/rate-limit';
import type { ServerContext } from './context';
import { openServerDb, type OpenedServerDb } from './db/open';
import { httpHandler } from './http';
import { sweepOrphanAttachments } from './api/attachments';
import { SeatPresenceBoard } from './presence';
import { attachSocketServer, FEED_ROOM, LEADS_ROOM } from './socket';
import { dispatchDomain } from './dispatch';
import { WIRE, type LiveChanges } from '../shared/sync-wire';

export interface HotlineServerOptions {
  dataDir: string;
  port?: number; // 0 = any free port
  host?: string;
  demoPassword?: string; // all first-start accounts get this password (local demos and tests only)
  now?: () => Date;
  sessionTtlMs?: number;
  loginMaxFailures?: number;
  loginWindowMs?: number;
}

export interface HotlineServer {
  url: string;
  port: number;
  credentialsFile: string | null; // set on first start
  opened: OpenedServerDb;
  /** Removes attachments no accepted reply referenced within the grace period (also runs hourly). */
  sweepAttachments: () => string[];
  close: () => Promise<void>;
}

const ATTACHMENT_SWEEP_EVERY_MS = 3600_000;

export async function startHotlineServer(options: HotlineServerOptions): Promise<HotlineServer> {
  const now = options.now ?? (() => new Date());
  const opened = openServerDb(options.dataDir, now);
  const accounts = new Accounts(opened.db, now, options.sessionTtlMs ?? 12 * 3600_000);
  const credentialsFile = await accounts.seedIfEmpty(options.dataDir, options.demoPassword);

  const http = createServer();
  let io: ReturnType<typeof attachSocketServer> | null = null;
  const ctx: ServerContext = {
    db: opened.db,
    accounts,
    loginLimiter: new LoginRateLimiter({
      maxFailures: options.loginMaxFailures ?? 5,
      windowMs: options.loginWindowMs ?? 5 * 60_000,
    }),
    addressLimiter: new LoginRateLimiter({
      maxFailures: (options.loginMaxFailures ?? 5) * 20,
      windowMs: options.loginWindowMs ?? 5 * 60_000,
    }),
    presence: new SeatPresenceBoard(now, (seats) => io?.to(LEADS_ROOM).emit(WIRE.seats, { seats })),
    now,
    startedAt: now().toISOString(),
    dataDir: options.dataDir,
    // Seeds the unit registry and catalogue version 1 on first start.
    dispatch: dispatchDomain(opened.db, now),
    publish: (changes, fromSeq, toSeq) => {
      if (changes.length > 0) io?.to(FEED_ROOM).emit(WIRE.changes, { changes, fromSeq, toSeq } satisfies LiveChanges);
    },
    announceCatalogue: (version) => io?.to(FEED_ROOM).emit(WIRE.catalogue, { version }),
  };
  http.on('request', httpHandler(ctx));
  io = attachSocketServer(http, ctx);

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const sweepAttachments = () => sweepOrphanAttachments(ctx);
  const sweepQuietly = () => {
    try {
      sweepAttachments();
    } catch (error) {
      console.error('[attachments] sweep failed', (error as Error).message);
    }
  };
  sweepQuietly();
  const sweeper = setInterval(sweepQuietly, ATTACHMENT_SWEEP_EVERY_MS);
  sweeper.unref();
  return {
    url: `http://${host}:${port}`,
    port,
    credentialsFile,
    opened,
    sweepAttachments,
    close: async () => {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => io!.close(() => resolve()));
      http.closeAllConnections();
      opened.sqlite.close();
    },
  };
}
