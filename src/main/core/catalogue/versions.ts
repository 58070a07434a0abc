/**
 * Catalogue versions: operators edit one draft and publish it as the next immutable version.
 * Clients hold a version and move forward with deltas (upserts + removed ids), so the dispatch a
 * client makes offline can always name the exact version it used.
 *
 * Every write validates first and only then swaps in the new state, so a failed edit, import or
 * publish leaves the store exactly as it was (the in-memory equivalent of one transaction; the
 * server persists `toJSON()` inside its own transaction).
 */
import { catalogueToCsv, parseCatalogueCsv } from './catalogue-csv';
import { entryProblems, normaliseKeywords, type CatalogueEntry, type EntryCheckContext } from './entries';
import { CatalogueError } from './errors';

export interface CatalogueVersion {
  version: number;
  publishedAt: string;
  publishedBy: string;
  note: string;
  entries: CatalogueEntry[];
}

export interface CatalogueDelta {
  fromVersion: number; // 0 = from nothing
  toVersion: number;
  upserts: CatalogueEntry[];
  removedIds: string[];
}

export interface CatalogueStoreSnapshot {
  versions: CatalogueVersion[];
  draft: CatalogueEntry[] | null;
}

export class CatalogueStore {
  private versions: CatalogueVersion[];
  private draft: Map<string, CatalogueEntry> | null;

  constructor(
    private readonly ctx: EntryCheckContext,
    snapshot: CatalogueStoreSnapshot = { versions: [], draft: null },
  ) {
    this.versions = snapshot.versions.map(cloneVersion);
    this.draft = snapshot.draft ? new Map(snapshot.draft.map((e) => [e.id, cloneEntry(e)])) : null;
  }

  get currentVersion(): number {
    return this.versions.at(-1)?.version ?? 0;
  }

  current(): CatalogueVersion | null {
    const v = this.versions.at(-1);
    return v ? cloneVersion(v) : null;
  }

  version(n: number): CatalogueVersion | null {
    const v = this.versions.find((x) => x.version === n);
    return v ? cloneVersion(v) : null;
  }

  listVersions(): Array<Omit<CatalogueVersion, 'entries'> & { entryCount: number }> {
    return this.versions.map(({ entries, ...meta }) => ({ ...meta, entryCount: entries.length }));
  }

  /** The draft's entries; a draft starts as a copy of the current version. */
  draftEntries(): CatalogueEntry[] {
    return [...this.ensureDraft().values()].map(cloneEntry);
  }

  hasDraft(): boolean {
    return this.draft !== null;
  }

  upsertDraftEntry(entry: CatalogueEntry): CatalogueEntry {
    const normalised = { ...entry, keywords: normaliseKeywords(entry.keywords) };
    const problems = entryProblems(normalised, this.ctx);
    if (problems.length) throw new CatalogueError(`事项 ${entry.id} 有误：${problems.join('；')}`);
    this.ensureDraft().set(normalised.id, cloneEntry(normalised));
    return cloneEntry(normalised);
  }

  removeDraftEntry(id: string): void {
    const draft = this.ensureDraft();
    if (!draft.delete(id)) throw new CatalogueError(`草稿中没有事项 ${id}`);
  }

  /** Replaces the whole draft with a CSV file; a file with any bad row changes nothing. */
  importDraftCsv(text: string): { imported: number } {
    const entries = parseCatalogueCsv(text, this.ctx);
    this.draft = new Map(entries.map((e) => [e.id, e]));
    return { imported: entries.length };
  }

  exportCsv(version?: number): string {
    if (version === undefined) return catalogueToCsv(this.draftEntries());
    const v = this.version(version);
    if (!v) throw new CatalogueError(`没有第 ${version} 版职责目录`);
    return catalogueToCsv(v.entries);
  }

  discardDraft(): void {
    this.draft = null;
  }

  /**
   * Publishes the draft as the next version. Re-checks every entry against the registry as it is
   * now: a unit retired since the entry was written blocks publishing until the entry is fixed.
   */
  publish(by: string, at: string, note = ''): { version: CatalogueVersion; delta: CatalogueDelta } {
    if (!this.draft) throw new CatalogueError('没有待发布的草稿');
    const entries = [...this.draft.values()];
    if (entries.length === 0) throw new CatalogueError('草稿为空，不能发布');
    const problems = entries.flatMap((e) => entryProblems(e, this.ctx).map((p) => `${e.id}：${p}`));
    if (problems.length) throw new CatalogueError(`草稿有 ${problems.length} 处错误，未发布：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '……' : ''}`);
    const previous = this.versions.at(-1);
    const next: CatalogueVersion = { version: this.currentVersion + 1, publishedAt: at, publishedBy: by, note, entries: entries.map(cloneEntry) };
    const delta = diffEntries(previous?.entries ?? [], next.entries, previous?.version ?? 0, next.version);
    if (previous && delta.upserts.length === 0 && delta.removedIds.length === 0) throw new CatalogueError('草稿与当前版本相同，无需发布');
    this.versions = [...this.versions, next];
    this.draft = null;
    return { version: cloneVersion(next), delta };
  }

  /** What a client on `fromVersion` needs to reach `toVersion` (default: the newest). */
  delta(fromVersion: number, toVersion = this.currentVersion): CatalogueDelta {
    const to = this.versions.find((v) => v.version === toVersion);
    if (!to) throw new CatalogueError(`没有第 ${toVersion} 版职责目录`);
    if (fromVersion === 0) return diffEntries([], to.entries, 0, toVersion);
    const from = this.versions.find((v) => v.version === fromVersion);
    if (!from) throw new CatalogueError(`没有第 ${fromVersion} 版职责目录`);
    return diffEntries(from.entries, to.entries, fromVersion, toVersion);
  }

  toJSON(): CatalogueStoreSnapshot {
    return { versions: this.versions.map(cloneVersion), draft: this.draft ? [...this.draft.values()].map(cloneEntry) : null };
  }

  private ensureDraft(): Map<string, CatalogueEntry> {
    this.draft ??= new Map((this.versions.at(-1)?.entries ?? []).map((e) => [e.id, cloneEntry(e)]));
    return this.draft;
  }
}

export function diffEntries(from: readonly CatalogueEntry[], to: readonly CatalogueEntry[], fromVersion: number, toVersion: number): CatalogueDelta {
  const before = new Map(from.map((e) => [e.id, entryKey(e)]));
  const after = new Set(to.map((e) => e.id));
  return {
    fromVersion,
    toVersion,
    upserts: to.filter((e) => before.get(e.id) !== entryKey(e)).map(cloneEntry),
    removedIds: from.filter((e) => !after.has(e.id)).map((e) => e.id),
  };
}

/**
 * A client's side of sync: applies a delta to the entries of `fromVersion`. Pure; refuses a delta
 * for another base version (the client must pull from its own version).
 */
export function applyCatalogueDelta(entries: readonly CatalogueEntry[], currentVersion: number, delta: CatalogueDelta): { version: number; entries: CatalogueEntry[] } {
  if (delta.fromVersion !== currentVersion) throw new CatalogueError(`目录增量基于第 ${delta.fromVersion} 版，本地是第 ${currentVersion} 版`);
  const removed = new Set(delta.removedIds);
  const upserts = new Map(delta.upserts.map((e) => [e.id, e]));
  const out: CatalogueEntry[] = [];
  for (const e of entries) {
    if (removed.has(e.id)) continue;
    const replacement = upserts.get(e.id);
    out.push(cloneEntry(replacement ?? e));
    upserts.delete(e.id);
  }
  for (const e of upserts.values()) out.push(cloneEntry(e));
  return { version: delta.toVersion, entries: out };
}

function entryKey(e: CatalogueEntry): string {
  return JSON.stringify([e.matter, e.categoryPath, e.keywords, e.responsible, e.coHandling, e.dispatchMode, e.timeTier, e.legalBasis]);
}

function cloneEntry(e: CatalogueEntry): CatalogueEntry {
  return { ...e, keywords: [...e.keywords] };
}

function cloneVersion(v: CatalogueVersion): CatalogueVersion {
  return { ...v, entries: v.entries.map(cloneEntry) };
}
