/**
 * Weak supervision for appeal types: a board message whose title states its purpose ("投诉…",
 * "咨询…", "举报…", "建议…", "感谢…", "恳请帮助…") is labelled by that word, and the model is trained
 * on its content only (title dropped), so it learns what the content of each type looks like rather
 * than the cue word itself. Titles with no or several purposes are skipped.
 */
import type { UnlabelledMessage } from './data';
import type { Example } from './softmax-train';

const TITLE_CUES: Array<[RegExp, string]> = [
  [/举报/, '举报'],
  [/投诉/, '投诉'],
  [/(建议|呼吁|提议|倡议)/, '建议'],
  [/(咨询|请问|询问|问一下|想问)/, '咨询'],
  [/(感谢|表扬|致谢|点赞)/, '表扬'],
  [/(求助|恳请|请求帮助|请求解决|救救|帮帮)/, '求助'],
];

export function weakTypeLabel(title: string): string | null {
  const found = TITLE_CUES.filter(([re]) => re.test(title)).map(([, t]) => t);
  return found.length === 1 ? found[0]! : null;
}

export function weakTypeExamples(messages: UnlabelledMessage[], weight: number, maxPerClass = 400): Example[] {
  const perClass = new Map<string, number>();
  const out: Example[] = [];
  for (const m of messages) {
    const label = weakTypeLabel(m.title);
    if (!label || m.text.length < 20) continue;
    const n = perClass.get(label) ?? 0;
    // Cap per class so 投诉/咨询 titles (the most common) do not drown the rest.
    if (n >= maxPerClass) continue;
    perClass.set(label, n + 1);
    out.push({ text: m.text.slice(0, 600), label, weight });
  }
  return out;
}
