/**
 * Classification assist: a pure function of the typed text (and the location fields) that suggests
 * appeal type, category path, district/street, time tier and emergency, with confidences.
 * Plain Node, offline: models are files under resources/models, loaded once and cached.
 *
 * Order matters: emergency detection runs first. Its rules need no model, so a fire is flagged even
 * if the model files are missing or broken; its model (emergency-model.ts) adds what the rules miss
 * when it loads.
 */
import type { AssistInput, AssistResult, EmergencyAlert, Suggestion } from '../../../shared/contract';
import { loadGazetteer } from '../gazetteer/gazetteer';
import { loadTaxonomy } from '../taxonomy/taxonomy';
import { resourcePath } from '../resources';
import { suggestAppealType } from './appeal-type';
import { CategorySuggester } from './category';
import { detectEmergency } from './emergency';
import { defaultEmergencyModel, EmergencyModel, emergencyModelError } from './emergency-model';
import { loadLinearModel, type LinearModel } from './linear';
import { LocationMatcher } from './location';
import { suggestTier } from './tier';

export { detectEmergency, checkEmergency } from './emergency';
export type { EmergencyAlert };

/** One line of the batch interface (DESIGN.md, "Classification assist"). */
export interface BatchOutput {
  id: unknown;
  type: string;
  category: string;
  emergency: '110' | '119' | '120' | null;
  tier: string;
  district: string | null;
  street: string | null;
}

export interface ClassifierInfo {
  loadMs: number;
  modelBytes: number;
  /** set when the model files could not be loaded: suggestions then come from rules and keywords only */
  degraded?: string;
}

export interface Classifier {
  suggest(input: AssistInput): AssistResult;
  batch(line: { id?: unknown; text: string; title?: string }): BatchOutput;
  /** load time and model sizes, for the benchmark and diagnostics */
  readonly info: ClassifierInfo;
}

export const MODEL_FILES = ['models/category-l1', 'models/appeal-type', 'models/tier'] as const;
/** Loaded by emergency-model.ts itself (emergency detection must not wait for the others). */
export const EMERGENCY_MODEL_FILE = 'models/emergency';
const BATCH_MAX_CHARS = 20_000;

class AssistClassifier implements Classifier {
  readonly info: ClassifierInfo;
  private readonly category: CategorySuggester;
  private readonly typeModel: LinearModel | null;
  private readonly tierModel: LinearModel | null;
  private readonly location: LocationMatcher;
  /** null: rules only (its file is missing or broken) */
  private readonly emergencyModel: EmergencyModel | null;

  constructor(categoryModel: LinearModel | null, typeModel: LinearModel | null, tierModel: LinearModel | null, emergencyModel: EmergencyModel | null, info: ClassifierInfo) {
    this.category = new CategorySuggester(categoryModel, loadTaxonomy());
    this.typeModel = typeModel;
    this.tierModel = tierModel;
    this.emergencyModel = emergencyModel;
    this.location = new LocationMatcher(loadGazetteer());
    this.info = info;
  }

  suggest(input: AssistInput): AssistResult {
    const title = input.title ?? '';
    const content = input.content ?? '';
    const text = title && content ? `${title}。${content}` : title || content;
    const emergency = detectEmergency(text, { model: this.emergencyModel });
    const appealType = suggestAppealType(title, content, this.typeModel);
    const category = text.trim() ? this.category.suggest(text) : [];
    const loc = this.location.match(text, { ...(input.address ? { address: input.address } : {}), districtCode: input.districtCode ?? null });
    return {
      appealType,
      category,
      district: loc.district,
      street: loc.street,
      timeTier: suggestTier(text, emergency, this.tierModel),
      emergency,
      catalogue: [],
    };
  }

  batch(line: { id?: unknown; text: string; title?: string }): BatchOutput {
    // The app caps content at 10,000 characters (AssistInput); batch input has no schema, so cap it
    // here too (generously) to keep one pathological line from stalling a run.
    const r = this.suggest({ title: (line.title ?? '').slice(0, BATCH_MAX_CHARS), content: line.text.slice(0, BATCH_MAX_CHARS) });
    const top = (s: Suggestion[]): string | undefined => s[0]?.value;
    return {
      id: line.id ?? null,
      type: top(r.appealType) ?? '咨询',
      category: top(r.category) ?? this.category.level1(line.text)[0]?.label ?? '其他',
      emergency: r.emergency?.service ?? null,
      tier: r.timeTier.value,
      district: r.district?.value ?? null,
      street: r.street?.value ?? null,
    };
  }
}

let cached: Classifier | undefined;

/**
 * Loads the shipped models (once; later calls return the same instance). A missing or corrupt model
 * file does not take the assist down: emergency detection, tier, location and the type cue rules need
 * no model, and the category falls back to keyword evidence. `info.degraded` says what failed.
 */
export function loadClassifier(options: { modelDir?: string } = {}): Classifier {
  if (cached && !options.modelDir) return cached;
  const t0 = performance.now();
  const base = (f: string): string => (options.modelDir ? `${options.modelDir}/${f.replace(/^models\//, '')}` : resourcePath(f));
  const [categoryFile, typeFile, tierFile] = MODEL_FILES;
  let degraded: string | undefined;
  const tryLoad = (file: string): LinearModel | null => {
    try {
      return loadLinearModel(base(file));
    } catch (err) {
      degraded = `${degraded ? `${degraded}；` : ''}模型 ${file} 加载失败：${err instanceof Error ? err.message : String(err)}`;
      return null;
    }
  };
  const categoryModel = tryLoad(categoryFile);
  const typeModel = tryLoad(typeFile);
  const tierModel = tryLoad(tierFile);
  // Load the emergency model now too, so that the first keystroke does not pay for it. The shipped one
  // is shared with detectEmergency() callers; a model directory given here is used for all three.
  let emergencyModel: EmergencyModel | null;
  let emergencyError: string | undefined;
  if (options.modelDir) {
    try {
      emergencyModel = new EmergencyModel(loadLinearModel(base(EMERGENCY_MODEL_FILE)));
    } catch (err) {
      emergencyModel = null;
      emergencyError = err instanceof Error ? err.message : String(err);
    }
  } else {
    emergencyModel = defaultEmergencyModel();
    emergencyError = emergencyModelError();
  }
  if (!emergencyModel) degraded = `${degraded ? `${degraded}；` : ''}模型 ${EMERGENCY_MODEL_FILE} 加载失败（紧急识别仅用规则）：${emergencyError ?? ''}`;
  const modelBytes = (categoryModel?.sizeBytes ?? 0) + (typeModel?.sizeBytes ?? 0) + (tierModel?.sizeBytes ?? 0) + (emergencyModel?.model.sizeBytes ?? 0);
  const classifier = new AssistClassifier(categoryModel, typeModel, tierModel, emergencyModel, { loadMs: 0, modelBytes, ...(degraded ? { degraded } : {}) });
  classifier.info.loadMs = Math.round((performance.now() - t0) * 10) / 10;
  if (!options.modelDir) cached = classifier;
  return classifier;
}
