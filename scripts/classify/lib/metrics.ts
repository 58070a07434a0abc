/** Accuracy, per-class and macro-averaged F1, and a printable confusion matrix. */

export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

export function score(pairs: Array<{ gold: string; pred: string }>, classes?: string[]): Scores {
  const labels = classes ?? [...new Set(pairs.map((p) => p.gold))].sort();
  const perClass: Scores['perClass'] = {};
  let correct = 0;
  for (const p of pairs) if (p.gold === p.pred) correct++;
  let f1Sum = 0;
  let counted = 0;
  for (const c of labels) {
    const tp = pairs.filter((p) => p.gold === c && p.pred === c).length;
    const fp = pairs.filter((p) => p.gold !== c && p.pred === c).length;
    const fn = pairs.filter((p) => p.gold === c && p.pred !== c).length;
    const support = tp + fn;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support };
    // Macro-F1 over the classes present in the gold labels (a class with no gold rows is skipped).
    if (support > 0) {
      f1Sum += f1;
      counted++;
    }
  }
  return { n: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, macroF1: counted ? f1Sum / counted : 0, perClass };
}

export function confusion(pairs: Array<{ gold: string; pred: string }>, classes: string[]): string {
  const short = (c: string): string => c.slice(0, 4).padStart(4, '　');
  const lines = [`${'gold＼pred'.padEnd(6)} ${classes.map(short).join(' ')}`];
  for (const g of classes) {
    const row = classes.map((p) => String(pairs.filter((x) => x.gold === g && x.pred === p).length).padStart(5));
    if (row.every((v) => v.trim() === '0')) continue;
    lines.push(`${short(g)}   ${row.join(' ')}`);
  }
  return lines.join('\n');
}

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
