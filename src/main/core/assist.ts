/**
 * What the core needs from the classification assist (src/main/core/classify) and the catalogue
 * matcher (src/main/core/catalogue). Injected, so the core starts even when a model file is missing
 * and tests can run without one.
 */
import type { AssistInput, AssistResult } from '../../shared/contract';

export interface AssistProvider {
  suggest(input: AssistInput): AssistResult;
}
