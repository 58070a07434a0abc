/**
 * Loads the training material and makes the fixed held-out split.
 *
 * Split rule (never changes, so eval numbers stay comparable): a message is held out when
 * FNV-1a(id) % 5 === 0 (≈20%). Rows of the large set that repeat a small-set message (`same_as`) are
 * never held out, and are dropped from training when the message they repeat is held out; any
 * training row whose normalised text equals a held-out text is dropped too (no leakage).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeForModel } from '../../../src/main/core/classify/features';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DATA_DIR = process.env.CLASSIFY_DATA_DIR ?? path.resolve(REPO_ROOT, '../shared/data');
export const HANDWRITTEN_DIR = path.join(REPO_ROOT, 'resources/classify');
export const MODELS_DIR = path.join(REPO_ROOT, 'resources/models');

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export const isHeldOut = (id: string): boolean => fnv1a(id) % 5 === 0;

export function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch {
        throw new Error(`${file}:${i + 1} is not valid JSON`);
      }
    });
}

export interface LabelledMessage {
  id: string;
  /** title + text as the app sees them (raw), or the segmented text joined (large set) */
  text: string;
  category: string;
  source: 'small' | 'large';
}

interface SmallRow {
  id: string;
  title: string;
  text: string;
  category: string;
}
interface LargeRow {
  id: string;
  text: string;
  category: string;
  same_as?: string | null;
}

export interface Split {
  train: LabelledMessage[];
  heldOut: LabelledMessage[];
  /** counts for the report */
  droppedForLeakage: number;
}

export function loadLabelledSplit(): Split {
  const small = readJsonl<SmallRow>(path.join(DATA_DIR, 'messages-labelled/messages.jsonl')).map(
    (r): LabelledMessage => ({ id: String(r.id), text: `${r.title}。${r.text}`, category: r.category, source: 'small' }),
  );
  const largeRows = readJsonl<LargeRow>(path.join(DATA_DIR, 'messages-labelled-large/messages.jsonl'));
  const heldSmall = new Set(small.filter((m) => isHeldOut(m.id)).map((m) => m.id));
  const heldOut: LabelledMessage[] = small.filter((m) => heldSmall.has(m.id));
  const train: LabelledMessage[] = small.filter((m) => !heldSmall.has(m.id));
  let dropped = 0;
  const largeTrain: LabelledMessage[] = [];
  for (const r of largeRows) {
    const m: LabelledMessage = { id: r.id, text: r.text, category: r.category, source: 'large' };
    if (r.same_as) {
      if (heldSmall.has(String(r.same_as))) dropped++;
      else largeTrain.push(m);
    } else if (isHeldOut(r.id)) heldOut.push(m);
    else largeTrain.push(m);
  }
  const heldTexts = new Set(heldOut.map((m) => normalizeForModel(m.text)));
  for (const m of [...largeTrain]) {
    if (heldTexts.has(normalizeForModel(m.text))) dropped++;
    else train.push(m);
  }
  const before = train.length;
  const cleanTrain = train.filter((m) => !heldTexts.has(normalizeForModel(m.text)));
  dropped += before - cleanTrain.length;
  return { train: cleanTrain, heldOut, droppedForLeakage: dropped };
}

export interface UnlabelledMessage {
  id: string;
  title: string;
  text: string;
}

export function loadUnlabelled(): UnlabelledMessage[] {
  return readJsonl<UnlabelledMessage>(path.join(DATA_DIR, 'messages-unlabelled/messages.jsonl')).map((r) => ({
    id: String(r.id),
    title: r.title ?? '',
    text: r.text ?? '',
  }));
}

/** Hand-written appeals (resources/classify/appeals-*.jsonl): type, level-1 category and tier. */
export interface HandAppeal {
  text: string;
  type: string;
  level1: string;
  tier: string;
}

export interface HandEmergency {
  text: string;
  emergency: '110' | '119' | '120' | null;
}

export function loadHand<T>(name: string): T[] {
  return readJsonl<T>(path.join(HANDWRITTEN_DIR, name));
}

export const APPEAL_WRITERS_DIR = path.join(HANDWRITTEN_DIR, 'appeal-writers');

/** The writer sets: file name (without .jsonl) → rows; the lead's own train rows are writer "lead". */
export function loadAppealWriterSets(): Map<string, HandAppeal[]> {
  const sets = new Map<string, HandAppeal[]>([['lead', loadHand<HandAppeal>('appeals-train.jsonl')]]);
  if (!fs.existsSync(APPEAL_WRITERS_DIR)) return sets;
  for (const f of fs.readdirSync(APPEAL_WRITERS_DIR).filter((x) => x.endsWith('.jsonl')).sort()) {
    sets.set(f.replace(/\.jsonl$/, ''), loadHand<HandAppeal>(path.join('appeal-writers', f)));
  }
  return sets;
}
