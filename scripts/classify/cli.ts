/**
 * npm run --silent classify < in.jsonl > out.jsonl
 *
 * Batch interface of the classification assist (DESIGN.md, "Classification assist"): reads JSON Lines
 * `{"id","text","title"?}` from stdin and writes one line per input line, in order:
 * `{"id","type","category","emergency","tier","district","street"}`. A line that is not valid JSON or
 * has no string `text` gets `{"id": <id or null>, "error": "..."}` and the run goes on.
 * Nothing else is written to stdout; diagnostics go to stderr. Streams, so input size is unbounded.
 */
import readline from 'node:readline';
import { loadClassifier } from '../../src/main/core/classify/index';

export function classifyLine(raw: string, classify: (l: { id?: unknown; text: string; title?: string }) => object): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return JSON.stringify({ id: null, error: '不是有效的 JSON' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return JSON.stringify({ id: null, error: '每行必须是一个 JSON 对象' });
  }
  const obj = parsed as Record<string, unknown>;
  const id = obj.id ?? null;
  if (typeof obj.text !== 'string') {
    return JSON.stringify({ id, error: obj.text === undefined ? '缺少 text 字段' : 'text 必须是字符串' });
  }
  try {
    return JSON.stringify(classify({ id, text: obj.text, ...(typeof obj.title === 'string' ? { title: obj.title } : {}) }));
  } catch (err) {
    return JSON.stringify({ id, error: `分类失败：${err instanceof Error ? err.message : String(err)}` });
  }
}

async function main(): Promise<void> {
  const classifier = loadClassifier();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buffer: string[] = [];
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('\n') + '\n';
    buffer = [];
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  };
  for await (const raw of rl) {
    buffer.push(classifyLine(raw.replace(/^\uFEFF/, ''), (l) => classifier.batch(l)));
    if (buffer.length >= 256) await flush();
  }
  await flush();
}

main().catch((err: unknown) => {
  process.stderr.write(`classify: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
