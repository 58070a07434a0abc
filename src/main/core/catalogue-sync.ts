/**
 * Keeps this seat's responsibility catalogue current (DESIGN.md: "the catalogue is a versioned
 * snapshot with deltas"). On connect and whenever the server announces a new version, it fetches
 * the delta from the version held, applies it, stores the result in `catalogue_cache` (one
 * transaction) and switches the matcher. Offline, the seat dispatches against what it holds and
 * every dispatch names that version.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AssistProvider } from './assist';
import { TIME_TIERS } from '../../shared/domain';
import { applyCatalogueDelta, categoryCheckContext, entryProblems, loadUnitRegistry, type CatalogueEntry } from './catalogue';

const Entry = z.object({
  id: z.string(),
  matter: z.string(),
  categoryPath: z.string(),
  keywords: z.array(z.string()),
  responsible: z.string(),
  coHandling: z.string().nullable(),
  dispatchMode: z.enum(['direct', 'dual']),
  timeTier: z.enum(TIME_TIERS),
  legalBasis: z.string(),
});

const CatalogueReply = z.object({
  version: z.number().int().min(1),
  delta: z
    .object({
      fromVersion: z.number().int().min(0),
      toVersion: z.number().int().min(1),
      upserts: z.array(Entry),
      removedIds: z.array(z.string()),
    })
    .nullable(),
});

export function createCatalogueSync(options: { sqlite: Database.Database; assist: AssistProvider; clock: () => Date }) {
  const { sqlite, assist, clock } = options;
  let running: Promise<void> | null = null;
  let again: { serverUrl: string; token: string } | null = null;

  /** Switch to the cached version, if one was fetched before (at start-up, before any network). */
  function loadCached(): void {
    const row = sqlite.prepare('SELECT version, entries FROM catalogue_cache ORDER BY version DESC LIMIT 1').get() as
      | { version: number; entries: string }
      | undefined;
    if (!row) return;
    try {
      assist.useCatalogue(row.version, JSON.parse(row.entries) as CatalogueEntry[]);
    } catch (error) {
      console.error(`[catalogue] 本地缓存的职责目录不可用，改用内置版本：${(error as Error).message}`);
    }
  }

  async function fetchDelta(serverUrl: string, token: string, since: number) {
    const response = await fetch(new URL(`/api/catalogue?since=${since}`, serverUrl), {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 400 && since > 0) return null; // the server does not know our version
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return CatalogueReply.parse(await response.json());
  }

  async function refreshOnce(serverUrl: string, token: string): Promise<void> {
    const held = assist.catalogue();
    let reply = await fetchDelta(serverUrl, token, held.version);
    let base: readonly CatalogueEntry[] = held.entries;
    // Our version is unknown there (a restored or reseeded server): take its catalogue whole.
    if (!reply || (reply.delta && reply.delta.fromVersion !== held.version)) {
      reply = await fetchDelta(serverUrl, token, 0);
      base = [];
    }
    if (!reply?.delta) return;
    // The same checks the server ran on publish: a unit this seat does not know is not dispatched to.
    const context = categoryCheckContext(loadUnitRegistry());
    const broken = reply.delta.upserts.flatMap((entry) => entryProblems(entry, context).map((p) => `${entry.id}：${p}`));
    if (broken.length) throw new Error(`第 ${reply.delta.toVersion} 版有 ${broken.length} 处问题，暂不启用：${broken.slice(0, 3).join('；')}`);
    const next = applyCatalogueDelta(base, reply.delta.fromVersion, reply.delta);
    assist.useCatalogue(next.version, next.entries); // throws on a version the matcher cannot use: cache untouched
    sqlite.transaction(() => {
      sqlite.prepare('DELETE FROM catalogue_cache').run();
      sqlite.prepare('INSERT INTO catalogue_cache(version, entries, fetched_at) VALUES(?, ?, ?)').run(next.version, JSON.stringify(next.entries), clock().toISOString());
    })();
  }

  return {
    loadCached,
    /** Fetch and apply; one at a time; failures are logged and retried on the next trigger. */
    refresh(serverUrl: string, token: string): Promise<void> {
      if (running) {
        // A version published while we fetch must not be missed: run once more afterwards.
        again = { serverUrl, token };
        return running;
      }
      running = refreshOnce(serverUrl, token)
        .catch((error: unknown) => console.error(`[catalogue] 职责目录更新失败：${(error as Error).message}`))
        .finally(() => {
          running = null;
          const next = again;
          again = null;
          if (next) void this.refresh(next.serverUrl, next.token);
        });
      return running;
    },
  };
}

export type CatalogueSync = ReturnType<typeof createCatalogueSync>;
