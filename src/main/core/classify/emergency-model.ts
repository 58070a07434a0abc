/**
 * The learned half of emergency detection: a softmax regression over hashed character n-grams
 * (linear.ts, features.ts with function words kept) and the rules' cue tokens, predicting
 * none/110/119/120 for short windows of the text. It decides (emergency.ts): the rules see only the
 * phrasings their lexicons list and weigh context by one writer's habits; the model generalises from
 * similar wording (扑地上了 ~ 倒地; 一股子味儿，像是煤气 ~ 煤气味) and learns from hand-written rows of
 * many writers how much each of the rules' findings counts (scripts/classify/README.md).
 *
 * Why windows and not the whole text: agents keep typing during a call, so an emergency mentioned
 * after a long complaint must not be diluted by it. A window is a run of comma-clauses of at most
 * WINDOW_CHARS inside one sentence; unpunctuated text (segmented board messages) gets fixed-size
 * overlapping windows. The text's score is its best window's. Training uses the same windows for the
 * real board messages (scripts/classify/lib/emergency-data.ts), so the threshold chosen on held-out
 * real messages holds for what the app scores.
 */
import { softmax, loadLinearModel, type LinearModel } from './linear';
import { resourcePath } from '../resources';

export const WINDOW_CHARS = 50;
const FIXED_WINDOW = 40;
const FIXED_STRIDE = 20;
/** Texts are capped before scoring (the app caps content at 10,000 characters anyway). */
const MAX_SCORED_CHARS = 12_000;

/**
 * Fragments (跑了, 50人, 不来了) carry too few n-grams to be evidence: on real board messages they
 * were the model's only alarms. Short calls for help (救命, 着火了) are the rules' job.
 */
const MIN_WINDOW_CJK = 4;
const CJK = /[\u4e00-\u9fff]/;

function cjkCount(text: string, span: Span): number {
  let n = 0;
  for (let i = span.start; i < span.end; i++) if (CJK.test(text[i]!)) n++;
  return n;
}

const SENTENCE_END = /[。！？!?；;\n]/;
const CLAUSE_END = /[，,、：:…~～\s]/;

export interface Span {
  start: number;
  end: number;
}

/** Clauses of text[start, end): spans between commas, trimmed of separators, non-empty. */
export function clausesOf(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || CLAUSE_END.test(text[i]!)) {
      if (i > s) out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  return out;
}

/**
 * Sentences of the text (spans between sentence ends), non-empty. A sentence too short for the model
 * (着火了！, 救命！) runs on into the next one, so that "着火了！三楼冒黑烟" is read as one thought.
 */
function sentencesOf(text: string): Span[] {
  const out: Span[] = [];
  let s = 0;
  const n = Math.min(text.length, MAX_SCORED_CHARS);
  for (let i = 0; i <= n; i++) {
    if (i === n || SENTENCE_END.test(text[i]!)) {
      if (i > s && (i === n || cjkCount(text, { start: s, end: i }) >= MIN_WINDOW_CJK)) {
        out.push({ start: s, end: i });
        s = i + 1;
      } else if (i === s) s = i + 1;
    }
  }
  return out;
}

/**
 * The windows a text is scored on: for each clause, that clause and the ones after it in the same
 * sentence while the window stays within WINDOW_CHARS; a clause longer than that is cut into
 * overlapping fixed windows. A sentence within WINDOW_CHARS is one window.
 */
export function emergencyWindows(text: string): Span[] {
  const out: Span[] = [];
  for (const sent of sentencesOf(text)) {
    if (sent.end - sent.start <= WINDOW_CHARS) {
      out.push(sent);
      continue;
    }
    const clauses = clausesOf(text, sent.start, sent.end);
    for (let i = 0; i < clauses.length; i++) {
      const first = clauses[i]!;
      if (first.end - first.start > WINDOW_CHARS) {
        for (let s = first.start; s < first.end; s += FIXED_STRIDE) {
          out.push({ start: s, end: Math.min(first.end, s + FIXED_WINDOW) });
          if (s + FIXED_WINDOW >= first.end) break;
        }
        continue;
      }
      let j = i;
      while (j + 1 < clauses.length && clauses[j + 1]!.end - first.start <= WINDOW_CHARS) j++;
      out.push({ start: first.start, end: clauses[j]!.end });
    }
  }
  return out;
}

export type ServiceClass = '110' | '119' | '120';
export const EMERGENCY_CLASSES = ['none', '110', '119', '120'] as const;

export interface WindowScore extends Span {
  /** probability that the window is an emergency: 1 − p(none) */
  p: number;
  /** the most likely service in this window */
  service: ServiceClass;
}

/**
 * Reads the cue tokens of a window (emergency.ts `emergencyCues`): models trained with
 * FeatureOptions.cues need them. Passed in rather than imported, since emergency.ts imports this module.
 */
export type CueReader = (windowText: string) => string[];

/** A loaded emergency model and the alarm threshold chosen for it by cross-validation. */
export class EmergencyModel {
  readonly threshold: number;
  constructor(
    readonly model: LinearModel,
    threshold?: number,
  ) {
    const fromFile = model.notes.threshold;
    this.threshold = threshold ?? (typeof fromFile === 'number' ? fromFile : 0.5);
    const classes = model.classes.join(',');
    if (classes !== EMERGENCY_CLASSES.join(',')) throw new Error(`紧急识别模型的类别不符：${classes}`);
  }

  /** Does this model read cue tokens (then every call needs a CueReader)? */
  get readsCues(): boolean {
    return this.model.features.cues === true;
  }

  /** Score of one span of the text. */
  score(text: string, span: Span, cues?: CueReader): WindowScore {
    const slice = text.slice(span.start, span.end);
    if (this.readsCues && !cues) throw new Error('此紧急识别模型需要规则线索（CueReader）');
    const p = softmax(this.model.logitsFor(slice, this.readsCues ? cues!(slice) : undefined));
    let best = 1;
    for (let c = 2; c < 4; c++) if (p[c]! > p[best]!) best = c;
    return { ...span, p: 1 - p[0]!, service: EMERGENCY_CLASSES[best] as ServiceClass };
  }

  /** The best-scoring window of the text, or null when no window has MIN_WINDOW_CJK characters. */
  best(text: string, cues?: CueReader): WindowScore | null {
    let top: WindowScore | null = null;
    for (const w of emergencyWindows(text)) {
      if (cjkCount(text, w) < MIN_WINDOW_CJK) continue;
      const s = this.score(text, w, cues);
      if (!top || s.p > top.p) top = s;
    }
    return top;
  }

  /** The clause of a window that scores highest on its own: the phrase quoted to the agent. */
  triggerClause(text: string, window: Span, cues?: CueReader): WindowScore {
    const clauses = clausesOf(text, window.start, window.end);
    let top: WindowScore | null = null;
    for (const c of clauses) {
      const s = this.score(text, c, cues);
      if (!top || s.p > top.p) top = s;
    }
    return top ?? this.score(text, window, cues);
  }
}

let cached: EmergencyModel | null | undefined;
let loadError: string | undefined;

/**
 * The shipped model (resources/models/emergency.{json,bin}), loaded once on first use (≈ 0.5 MB,
 * a few milliseconds). If it is missing or broken, detection falls back to the rules alone:
 * `emergencyModelError()` says why.
 */
export function defaultEmergencyModel(): EmergencyModel | null {
  if (cached !== undefined) return cached;
  try {
    cached = new EmergencyModel(loadLinearModel(resourcePath('models/emergency')));
  } catch (err) {
    cached = null;
    loadError = err instanceof Error ? err.message : String(err);
  }
  return cached;
}

export function emergencyModelError(): string | undefined {
  return loadError;
}
