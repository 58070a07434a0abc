/**
 * Responsibility catalogue versions on the server: published versions are immutable rows in
 * `catalogue_versions`, the one draft is `catalogue_draft`. The core's `CatalogueStore` does the
 * validation (draft → publish, delta, CSV import with line numbers); this class persists its
 * snapshot. Each write runs the operation on a copy, writes the changed rows in one transaction and
 * only then swaps the copy in, so a failed import or publish changes nothing, in memory or on disk.
 * Version 1 is the shipped starter catalogue (hand-written sample data), seeded on first start.
 */
import { asc, eq } from 'drizzle-orm';
import {
  CatalogueMatcher,
  CatalogueStore,
  STARTER_CATALOGUE_VERSION,
  categoryCheckContext,
  loadStarterEntries,
  type CatalogueDelta,
  type CatalogueEntry,
  type CatalogueVersion,
} from '../../main/core/catalogue';
import type { ServerDb } from '../db/open';
import { catalogueDraft, catalogueVersions } from '../db/schema';
import type { UnitDirectory } from './units';

const STARTER_PUBLISHED_AT = '2026-01-01T00:00:00.000Z';

export class CatalogueService {
  private store: CatalogueStore;
  private readonly matchers = new Map<number, CatalogueMatcher>();

  constructor(
    private readonly db: ServerDb,
    private readonly units: UnitDirectory,
  ) {
    this.store = this.load();
  }

  static seedIfEmpty(db: ServerDb, units: UnitDirectory): boolean {
    if (db.select({ v: catalogueVersions.version }).from(catalogueVersions).limit(1).get()) return false;
    const entries = loadStarterEntries(units.current);
    db.insert(catalogueVersions)
      .values({
        version: STARTER_CATALOGUE_VERSION,
        publishedAt: STARTER_PUBLISHED_AT,
        publishedBy: 'system',
        note: '内置示例职责目录（手写样例数据）',
        entryCount: entries.length,
        entries: JSON.stringify(entries),
      })
      .run();
    return true;
  }

  private load(): CatalogueStore {
    const versions: CatalogueVersion[] = this.db
      .select()
      .from(catalogueVersions)
      .orderBy(asc(catalogueVersions.version))
      .all()
      .map((r) => ({ version: r.version, publishedAt: r.publishedAt, publishedBy: r.publishedBy, note: r.note, entries: JSON.parse(r.entries) as CatalogueEntry[] }));
    const draftRow = this.db.select().from(catalogueDraft).where(eq(catalogueDraft.id, 1)).get();
    return new CatalogueStore(categoryCheckContext(this.units.current), {
      versions,
      draft: draftRow ? (JSON.parse(draftRow.entries) as CatalogueEntry[]) : null,
    });
  }

  /** A copy checked against the registry as it is now (a unit retired since blocks publishing). */
  private copy(): CatalogueStore {
    return new CatalogueStore(categoryCheckContext(this.units.current), this.store.toJSON());
  }

  get currentVersion(): number {
    return this.store.currentVersion;
  }

  version(n: number): CatalogueVersion | null {
    return this.store.version(n);
  }

  listVersions() {
    return this.store.listVersions();
  }

  delta(fromVersion: number): CatalogueDelta {
    return this.store.delta(fromVersion);
  }

  hasDraft(): boolean {
    return this.store.hasDraft();
  }

  draftEntries(): CatalogueEntry[] {
    return this.store.draftEntries();
  }

  exportCsv(version?: number): string {
    return this.store.exportCsv(version);
  }

  /** A matcher over one published version (agents dispatch against the version they hold). */
  matcher(version: number): CatalogueMatcher | null {
    let m = this.matchers.get(version);
    if (!m) {
      const v = this.store.version(version);
      if (!v) return null;
      m = new CatalogueMatcher(v.entries, this.units.current, version);
      this.matchers.set(version, m);
    }
    return m;
  }

  /** Called after the registry changed: matchers resolve units through it. */
  registryChanged(): void {
    this.matchers.clear();
  }

  upsertDraftEntry(entry: CatalogueEntry, by: string, at: string): CatalogueEntry {
    const copy = this.copy();
    const saved = copy.upsertDraftEntry(entry);
    this.commitDraft(copy, by, at);
    return saved;
  }

  removeDraftEntry(id: string, by: string, at: string): void {
    const copy = this.copy();
    copy.removeDraftEntry(id);
    this.commitDraft(copy, by, at);
  }

  importDraftCsv(text: string, by: string, at: string): { imported: number } {
    const copy = this.copy();
    const result = copy.importDraftCsv(text); // throws CatalogueError with every bad line; nothing changes
    this.commitDraft(copy, by, at);
    return result;
  }

  discardDraft(): void {
    const copy = this.copy();
    copy.discardDraft();
    this.db.delete(catalogueDraft).run();
    this.store = copy;
  }

  publish(by: string, at: string, note: string): { version: CatalogueVersion; delta: CatalogueDelta } {
    const copy = this.copy();
    const result = copy.publish(by, at, note);
    this.db.transaction((tx) => {
      tx.insert(catalogueVersions)
        .values({
          version: result.version.version,
          publishedAt: at,
          publishedBy: by,
          note,
          entryCount: result.version.entries.length,
          entries: JSON.stringify(result.version.entries),
        })
        .run();
      tx.delete(catalogueDraft).run();
    });
    this.store = copy;
    return result;
  }

  private commitDraft(copy: CatalogueStore, by: string, at: string): void {
    const entries = JSON.stringify(copy.draftEntries());
    this.db
      .insert(catalogueDraft)
      .values({ id: 1, entries, updatedAt: at, updatedBy: by })
      .onConflictDoUpdate({ target: catalogueDraft.id, set: { entries, updatedAt: at, updatedBy: by } })
      .run();
    this.store = copy;
  }
}
