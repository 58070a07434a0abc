/**
 * npm run bench:classify — speed of the classification assist.
 *
 * 1,000 real citizen messages of 50–1,500 characters (messages-unlabelled: never used to train the
 * category model) go through suggest() one call at a time, single-threaded. Prints p50/p95/p99 per
 * call and the ratio against a baseline measured in the same run over the same texts: a plain scan
 * for every taxonomy leaf name and emergency word with String.includes (the cheapest thing that
 * could be called "classification"). Also prints model load time and model file size.
 * Targets: p95 < 20 ms, load < 300 ms, model files < 20 MB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClassifier } from '../src/main/core/classify/index';
import { loadTaxonomy } from '../src/main/core/taxonomy/taxonomy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.CLASSIFY_DATA_DIR ?? path.resolve(root, '../shared/data');

function loadTexts(n: number): Array<{ title: string; content: string }> {
  const out: Array<{ title: string; content: string }> = [];
  const lines = fs.readFileSync(path.join(dataDir, 'messages-unlabelled/messages.jsonl'), 'utf8').split('\n');
  for (const l of lines) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as { title?: string; text?: string };
    const content = (r.text ?? '').slice(0, 10_000);
    const len = content.length + (r.title ?? '').length;
    if (len < 50 || len > 1500) continue;
    out.push({ title: (r.title ?? '').slice(0, 200), content });
    if (out.length === n) break;
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timeEach<T>(items: T[], fn: (x: T) => unknown): number[] {
  const times: number[] = [];
  let sink = 0;
  for (const x of items) {
    const t = process.hrtime.bigint();
    const r = fn(x);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r) sink++;
  }
  if (sink < 0) console.log(sink); // keep the results alive
  return times.sort((a, b) => a - b);
}

const t0 = performance.now();
const classifier = loadClassifier();
const loadMs = performance.now() - t0;

const texts = loadTexts(1000);
const keywords = [...new Set(loadTaxonomy().flatMap((l) => [l.level2, l.level3]).filter((k) => k !== '其他'))].concat(
  '着火 起火 冒烟 爆炸 煤气味 被困 拿刀 打人 抢劫 晕倒 昏迷 抽搐 停水 停电 暖气 拆迁'.split(' '),
);
const baseline = (x: { title: string; content: string }): number => {
  const text = `${x.title}。${x.content}`;
  let hits = 0;
  for (const k of keywords) if (text.includes(k)) hits++;
  return hits;
};

// Warm-up: JIT and caches, as in a running app.
for (const x of texts.slice(0, 100)) {
  classifier.suggest(x);
  baseline(x);
}
const base = timeEach(texts, baseline);
const assist = timeEach(texts, (x) => classifier.suggest(x));

const chars = texts.map((x) => x.title.length + x.content.length).sort((a, b) => a - b);
const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;
console.log(`texts: ${texts.length} real messages, ${chars[0]}–${chars[chars.length - 1]} chars (median ${percentile(chars, 50)})`);
console.log(`model load: ${loadMs.toFixed(1)} ms (target < 300 ms); model files: ${(classifier.info.modelBytes / 1024 / 1024).toFixed(2)} MB (target < 20 MB)`);
console.log(`baseline keyword scan (${keywords.length} words): p50 ${fmt(percentile(base, 50))}  p95 ${fmt(percentile(base, 95))}  p99 ${fmt(percentile(base, 99))}`);
console.log(`suggest():                          p50 ${fmt(percentile(assist, 50))}  p95 ${fmt(percentile(assist, 95))}  p99 ${fmt(percentile(assist, 99))}  (target p95 < 20 ms)`);
console.log(
  `ratio suggest/baseline:             p50 ${(percentile(assist, 50) / percentile(base, 50)).toFixed(1)}×  p95 ${(percentile(assist, 95) / percentile(base, 95)).toFixed(1)}×  p99 ${(percentile(assist, 99) / percentile(base, 99)).toFixed(1)}×`,
);
