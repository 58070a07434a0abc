/**
 * Catalogue matcher benchmark: a 300-character appeal against the starter catalogue grown to
 * 10,000 entries (copies of the real entries with varied keywords), indexed matcher vs a naive
 * scan of every keyword of every entry, in the same run. Target: indexed p95 < 5 ms.
 *
 *   npm run bench:catalogue
 */
import { performance } from 'node:perf_hooks';
import { CatalogueMatcher, loadStarterEntries, loadUnitRegistry, type CatalogueEntry, type MatchInput } from '../src/main/core/catalogue';
import { seededRandom } from '../src/shared/seeded-random';

const TARGET_ENTRIES = 10_000;
const APPEAL_CHARS = 300;
const RUNS_INDEXED = 2_000;
const RUNS_NAIVE = 200;

/** Seeded, so every run measures the same catalogue and appeals. */
const prng = seededRandom;

const VARIANTS = ['问题', '投诉', '严重', '长期', '反复', '夜间', '周边', '附近', '小区', '路口', '门口', '多次', '不及时', '未处理'];

/** Grows the real entries to `target` by copying them with varied and borrowed keywords. */
function grow(entries: CatalogueEntry[], target: number, random: () => number): CatalogueEntry[] {
  const out = [...entries];
  for (let k = 0; out.length < target; k++) {
    const base = entries[k % entries.length]!;
    const borrowed = entries[Math.floor(random() * entries.length)]!.keywords[0]!;
    const keywords = base.keywords.map((kw) => (random() < 0.6 ? `${kw}${VARIANTS[Math.floor(random() * VARIANTS.length)]}` : kw));
    out.push({ ...base, id: `G${k}`, matter: `${base.matter}（扩展${k}）`, keywords: [...new Set([...keywords, borrowed])].filter((kw) => kw.length <= 20) });
  }
  return out;
}

const SENTENCES = [
  '我是朝阳区望京街道某小区的居民，',
  '从昨天晚上开始小区停水，到现在还没有来水，',
  '物业说是市政管道维修，但一直没有通知什么时候恢复，',
  '家里有老人和孩子，做饭洗漱都很困难，',
  '另外小区门口每天晚上都有人摆摊占道经营，',
  '流动摊贩把人行道堵住了，垃圾也没人清运，',
  '旁边工地夜里十一点以后还在施工，噪音特别大，严重扰民，',
  '多次打电话给物业和居委会都没有解决，',
  '希望有关部门尽快核实处理，',
  '并给我一个答复，谢谢。',
  '楼道里还堆放了很多杂物，堵住了消防通道，',
  '冬天暖气也不热，室温只有十五度，',
];

function appeal(random: () => number): string {
  let text = '';
  while (text.length < APPEAL_CHARS) text += SENTENCES[Math.floor(random() * SENTENCES.length)];
  return text.slice(0, APPEAL_CHARS);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(runs: number, inputs: MatchInput[], fn: (input: MatchInput) => unknown): { p50: number; p95: number } {
  for (let i = 0; i < 50; i++) fn(inputs[i % inputs.length]!); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = inputs[i % inputs.length]!;
    const t0 = performance.now();
    fn(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function main(): void {
  const random = prng(12345);
  const registry = loadUnitRegistry();
  const real = loadStarterEntries(registry);
  const entries = grow(real, TARGET_ENTRIES, random);
  const t0 = performance.now();
  const matcher = new CatalogueMatcher(entries, registry, 1);
  const buildMs = performance.now() - t0;
  const inputs: MatchInput[] = Array.from({ length: 100 }, () => ({ text: appeal(random), streetCode: '110105026' }));

  // Same answers from both paths, or the comparison means nothing.
  for (const input of inputs.slice(0, 20)) {
    const a = matcher.match(input).map((m) => `${m.entryId}:${m.score}`);
    const b = matcher.naiveMatch(input).map((m) => `${m.entryId}:${m.score}`);
    if (a.join() !== b.join()) throw new Error(`indexed and naive results differ:\n${a.join()}\n${b.join()}`);
  }

  const indexed = measure(RUNS_INDEXED, inputs, (input) => matcher.match(input));
  const naive = measure(RUNS_NAIVE, inputs, (input) => matcher.naiveMatch(input));
  const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
  console.log(`catalogue: ${entries.length} entries (${real.length} real, grown), ${matcher.size} indexed; index build ${fmt(buildMs)}`);
  console.log(`appeal: ${APPEAL_CHARS} characters, ${inputs.length} variants; top match: ${matcher.match(inputs[0]!)[0]?.matter ?? '—'}`);
  console.log(`indexed  p50 ${fmt(indexed.p50)}  p95 ${fmt(indexed.p95)}  (${RUNS_INDEXED} runs)`);
  console.log(`naive    p50 ${fmt(naive.p50)}  p95 ${fmt(naive.p95)}  (${RUNS_NAIVE} runs)`);
  console.log(`ratio naive/indexed: p50 ${(naive.p50 / indexed.p50).toFixed(1)}×, p95 ${(naive.p95 / indexed.p95).toFixed(1)}×`);
  console.log(`target p95 < 5 ms: ${indexed.p95 < 5 ? 'met' : 'NOT met'}`);
  if (indexed.p95 >= 5) process.exitCode = 1;
}

main();
