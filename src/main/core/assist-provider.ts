/**
 * Builds the assist provider: the classifier (type, category, location, tier, emergency) and the
 * catalogue matcher (which units, by which entry). Both load lazily on first use — start-up does
 * not pay for them — and `warm()` lets the host load them in the background right after start.
 * Emergency detection is rule-based inside the classifier and needs no server.
 */
import type { AssistInput, AssistResult } from '../../shared/contract';
import { EMERGENCY_CATEGORY } from '../../shared/domain';
import type { AssistProvider } from './assist';
import { CatalogueMatcher, STARTER_CATALOGUE_VERSION, loadStarterEntries, loadUnitRegistry, type CatalogueEntry } from './catalogue';
import { detectEmergency, loadClassifier, type Classifier } from './classify';

const CATALOGUE_MATCHES = 3;

export interface WarmableAssistProvider extends AssistProvider {
  warm(): void;
}

export function createAssistProvider(): WarmableAssistProvider {
  let classifier: Classifier | undefined;
  let catalogue: { version: number; entries: CatalogueEntry[] } | undefined;
  let matcher: CatalogueMatcher | undefined;
  const getClassifier = () => (classifier ??= loadClassifier());
  const getCatalogue = () => (catalogue ??= { version: STARTER_CATALOGUE_VERSION, entries: loadStarterEntries() });
  const getMatcher = () => (matcher ??= new CatalogueMatcher(getCatalogue().entries, loadUnitRegistry(), getCatalogue().version));

  function suggest(input: AssistInput): AssistResult {
    const text = [input.title, input.content].filter(Boolean).join('\n');
    // Emergency detection first and on its own: it must answer even if a model or data pack is broken.
    const emergency = detectEmergency(text);
    let result: AssistResult;
    try {
      result = withEmergencyCategory({ ...getClassifier().suggest(input), emergency });
    } catch (error) {
      console.error(`[assist] 分类模型不可用，仅做紧急识别：${error instanceof Error ? error.message : String(error)}`);
      return withEmergencyCategory(emergencyOnly(emergency));
    }
    if (!text.trim()) return result;
    // Location: what the agent picked wins over what the text suggests.
    const districtCode = input.districtCode ?? result.district?.value ?? null;
    const streetCode = input.streetCode ?? result.street?.value ?? null;
    const categoryPath = input.categoryPath || result.category[0]?.value || null;
    try {
      const matches = getMatcher().match({ text, categoryPath, districtCode, streetCode, limit: CATALOGUE_MATCHES });
      return { ...result, catalogue: matches };
    } catch (error) {
      console.error(`[assist] 职责目录不可用：${error instanceof Error ? error.message : String(error)}`);
      return result;
    }
  }

  return {
    suggest,
    matchCatalogue: (input) => getMatcher().match(input),
    catalogue: getCatalogue,
    useCatalogue(version, entries) {
      // Build first, swap after: a broken version never replaces a working one.
      const next = new CatalogueMatcher(entries, loadUnitRegistry(), version);
      catalogue = { version, entries };
      matcher = next;
    },
    /** Loads models and catalogue now; never throws (a broken pack is reported, suggestions degrade). */
    warm() {
      for (const load of [getClassifier, getMatcher]) {
        try {
          load();
        } catch (error) {
          console.error(`[assist] 预加载失败：${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
  };
}

function emergencyOnly(emergency: AssistResult['emergency']): AssistResult {
  return {
    appealType: [],
    category: [],
    district: null,
    street: null,
    timeTier: emergency
      ? { value: '2h', label: '2小时（紧急）', confidence: emergency.confidence, why: emergency.trigger }
      : { value: '7d', label: '7天（一般）', confidence: 0 },
    emergency,
    catalogue: [],
  };
}

/** An emergency is first of all a police, fire or medical matter: its category leads the list. */
function withEmergencyCategory(result: AssistResult): AssistResult {
  if (!result.emergency) return result;
  const path = EMERGENCY_CATEGORY[result.emergency.service];
  const lead = { value: path, label: path, confidence: result.emergency.confidence, why: `紧急情况：${result.emergency.trigger}` };
  return { ...result, category: [lead, ...result.category.filter((c) => c.value !== path)].slice(0, 3) };
}
