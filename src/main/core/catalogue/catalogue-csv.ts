/**
 * Catalogue CSV import/export. Columns:
 *   id,matter,category_path,keywords,responsible,co_handling,dispatch_mode,time_tier,legal_basis
 * keywords are separated by `|`; dispatch_mode is 直派/双派 (direct/dual also accepted).
 * Import validates every row against the unit registry and the taxonomy and reports each bad row
 * with its line number; if any row is bad, nothing is imported.
 */
import { TIME_TIERS, type TimeTier } from '../../../shared/domain';
import { parseCsvRecords } from '../text/csv';
import { toCsv } from './csv-write';
import { entryProblems, normaliseKeywords, type CatalogueEntry, type EntryCheckContext, type EntryDispatchMode } from './entries';
import { CatalogueError, type RowProblem } from './errors';

export const CATALOGUE_CSV_COLUMNS = ['id', 'matter', 'category_path', 'keywords', 'responsible', 'co_handling', 'dispatch_mode', 'time_tier', 'legal_basis'] as const;

const MODES: Record<string, EntryDispatchMode> = { 直派: 'direct', 双派: 'dual', direct: 'direct', dual: 'dual' };
const MODE_LABEL: Record<EntryDispatchMode, string> = { direct: '直派', dual: '双派' };

/** Parses and validates a catalogue CSV; throws `CatalogueError` listing every bad line. */
export function parseCatalogueCsv(text: string, ctx: EntryCheckContext): CatalogueEntry[] {
  let records;
  try {
    records = parseCsvRecords(text, CATALOGUE_CSV_COLUMNS);
  } catch (error) {
    throw new CatalogueError(`职责目录文件无法读取：${(error as Error).message}`);
  }
  if (records.length === 0) throw new CatalogueError('职责目录文件没有任何事项');
  const problems: RowProblem[] = [];
  const entries: CatalogueEntry[] = [];
  const seen = new Map<string, number>();
  for (const { line, record: r } of records) {
    const get = (k: string) => (r[k] ?? '').trim();
    const rowProblems: string[] = [];
    const modeRaw = get('dispatch_mode');
    const mode = MODES[modeRaw];
    if (!mode) rowProblems.push(`派单方式「${modeRaw}」应为 直派 或 双派`);
    const tier = get('time_tier');
    if (!TIME_TIERS.includes(tier as TimeTier)) rowProblems.push(`办理时限「${tier}」应为 ${TIME_TIERS.join('/')}`);
    const entry: CatalogueEntry = {
      id: get('id'),
      matter: get('matter'),
      categoryPath: get('category_path'),
      keywords: normaliseKeywords(get('keywords').split('|')),
      responsible: get('responsible'),
      coHandling: get('co_handling') || null,
      dispatchMode: mode ?? 'direct',
      timeTier: (tier as TimeTier) || '7d',
      legalBasis: get('legal_basis'),
    };
    // Mode and tier were reported above in their raw form; skip the entry-level repeat.
    for (const message of entryProblems(entry, ctx)) {
      if (!mode && (message.startsWith('直派') || message.startsWith('双派'))) continue;
      if (!rowProblems.includes(message)) rowProblems.push(message);
    }
    const firstLine = seen.get(entry.id);
    if (firstLine !== undefined) rowProblems.push(`编号 ${entry.id} 与第 ${firstLine} 行重复`);
    else seen.set(entry.id, line);
    if (rowProblems.length) problems.push({ line, message: rowProblems.join('；') });
    else entries.push(entry);
  }
  if (problems.length) throw new CatalogueError(`职责目录有 ${problems.length} 行错误，未导入任何事项`, problems);
  return entries;
}

export function catalogueToCsv(entries: readonly CatalogueEntry[]): string {
  return toCsv(
    CATALOGUE_CSV_COLUMNS,
    entries.map((e) => [e.id, e.matter, e.categoryPath, e.keywords.join('|'), e.responsible, e.coHandling ?? '', MODE_LABEL[e.dispatchMode], e.timeTier, e.legalBasis]),
  );
}
