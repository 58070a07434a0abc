/**
 * Training material for the emergency model (src/main/core/classify/emergency-model.ts):
 *   - hand-written positives and hard negatives: resources/classify/emergency-train.jsonl (never the
 *     test file, whose rounds are blind batches);
 *   - real board messages as negatives: complaints and requests, nearly all non-emergencies. A message
 *     is only used when the rules raise nothing on it (the 0.8% they flag are the ones most likely to
 *     be real emergencies or close to one), and only outside the fixed held-out split
 *     (FNV-1a(id) % 5 === 0), so the real-message alarm rate can be measured on unseen messages too.
 *     Each message contributes the windows the app scores (emergencyWindows), a few per message.
 */
import path from 'node:path';
import { checkEmergencyRules, emergencyCues } from '../../../src/main/core/classify/emergency';
import { emergencyWindows } from '../../../src/main/core/classify/emergency-model';
import { DATA_DIR, fnv1a, isHeldOut, loadHand, readJsonl, type HandEmergency } from './data';
import type { Example } from './softmax-train';

export interface RealMessage {
  id: string;
  text: string;
  set: 'labelled' | 'labelled-large' | 'unlabelled';
}

export function loadRealMessages(): RealMessage[] {
  const raw = (set: 'labelled' | 'unlabelled'): RealMessage[] =>
    readJsonl<{ id: string; title?: string; text?: string }>(path.join(DATA_DIR, `messages-${set}/messages.jsonl`)).map((r) => ({
      id: String(r.id),
      text: `${r.title ?? ''}。${r.text ?? ''}`,
      set,
    }));
  const large = readJsonl<{ id: string; text: string }>(path.join(DATA_DIR, 'messages-labelled-large/messages.jsonl')).map(
    (r): RealMessage => ({ id: String(r.id), text: r.text, set: 'labelled-large' }),
  );
  return [...raw('labelled'), ...large, ...raw('unlabelled')];
}

/**
 * Raw text as people type it (the small labelled set and the unlabelled set), unlike the large set,
 * which was word-segmented with punctuation and function words removed. Agents type raw text, so the
 * alarm budget is held on these.
 */
export const isRawText = (m: RealMessage): boolean => m.set !== 'labelled-large';

export interface EmergencyTrainingConfig {
  /** weight of each hand-written row */
  handWeight: number;
  /** at most this many windows per real message (picked by hash, deterministic) */
  windowsPerMessage: number;
  /** weight of each real-message window */
  realWeight: number;
  /**
   * Also train on every window of a long hand-written non-emergency (the app scores windows, and every
   * window of a non-emergency is one). A long emergency is kept whole: which window holds it is unknown.
   */
  handNegativeWindows?: boolean;
  /** also every real-message window with fewer CJK characters than this (0: none) */
  shortWindowsBelow?: number;
}

export const handLabel = (r: HandEmergency): string => r.emergency ?? 'none';

/** Windows of one real message, as negative examples: up to `max`, picked by hash. */
export function realWindows(m: RealMessage, max: number, shortBelow = 0): string[] {
  const ws = emergencyWindows(m.text).map((w) => m.text.slice(w.start, w.end));
  const picked = ws
    .map((t, i) => ({ t, h: fnv1a(`${m.id}:${i}`) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, max)
    .map((x) => x.t);
  if (shortBelow <= 0) return picked;
  // and every short window: fragments (还说不知情, 有儿有女的人) carry few n-grams, so the model needs many
  // of them to learn that a short clause is no evidence by itself
  const chosen = new Set(picked);
  return [...picked, ...ws.filter((t) => !chosen.has(t) && cjkLength(t) < shortBelow)];
}

const cjkLength = (t: string): number => t.replace(/[^\u4e00-\u9fff]/g, '').length;

/** Real messages usable as training negatives: outside the held-out split and not flagged by the rules. */
export function realNegatives(messages: RealMessage[]): RealMessage[] {
  return messages.filter((m) => !isHeldOut(m.id) && !checkEmergencyRules(m.text).alert);
}

export function emergencyExamples(hand: HandEmergency[], real: RealMessage[], config: EmergencyTrainingConfig & { features?: { cues?: boolean } }): Example[] {
  const examples: Example[] = [
    ...hand.map((r) => ({ text: r.text, label: handLabel(r), weight: config.handWeight })),
    ...(config.handNegativeWindows ? hand.filter((r) => !r.emergency) : []).flatMap((r) => {
      const ws = emergencyWindows(r.text);
      return ws.length > 1 ? ws.map((w) => ({ text: r.text.slice(w.start, w.end), label: 'none', weight: config.handWeight })) : [];
    }),
    ...real.flatMap((m) => realWindows(m, config.windowsPerMessage, config.shortWindowsBelow).map((text) => ({ text, label: 'none', weight: config.realWeight }))),
  ];
  // models that read cue tokens see them in training exactly as emergency-model.ts computes them
  if (config.features?.cues) for (const e of examples) e.cues = emergencyCues(e.text);
  return examples;
}

export function loadEmergencyTrain(): HandEmergency[] {
  return loadHand<HandEmergency>('emergency-train.jsonl');
}
