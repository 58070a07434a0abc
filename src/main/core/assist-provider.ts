/**
 * Builds the assist provider: the classifier (type, category, location, tier, emergency) and the
 * catalogue matcher (which units, by which entry). Both load lazily on first use — start-up does
 * not pay for them — and `warm()` lets the host load them in the background right after start.
 * Emergency detection is rule-based inside the classifier and needs no server.
 */
import type { AssistInput, AssistResult } from '../../shared/contract';
import type { AssistProvider } from './assist';
import { loadStarterMatcher, type CatalogueMatcher } from './catalogue';
import { loadClassifier, type Classifier } from './classify';

const CATALOGUE_MATCHES = 3;

export interface WarmableAssistProvider extends AssistProvider {
  warm(): void;
}

export function createAssistProvider(): WarmableAssistProvider {
  let classifier: Classifier | undefined;
  let matcher: CatalogueMatcher | undefined;
  const getClassifier = () => (classifier ??= loadClassifier());
  const getMatcher = () => (matcher ??= loadStarterMatcher());

  function suggest(input: AssistInput): AssistResult {
    const result = getClassifier().suggest(input);
    const text = [input.title, input.content].filter(Boolean).join('\n');
    if (!text.trim()) return result;
    // Location: what the agent picked wins over what the text suggests.
    const districtCode = input.districtCode ?? result.district?.value ?? null;
    const streetCode = input.streetCode ?? result.street?.value ?? null;
    const categoryPath = input.categoryPath || result.category[0]?.value || null;
    const matches = getMatcher().match({ text, categoryPath, districtCode, streetCode, limit: CATALOGUE_MATCHES });
    return { ...result, catalogue: matches };
  }

  return {
    suggest,
    warm() {
      getClassifier();
      getMatcher();
    },
  };
}
