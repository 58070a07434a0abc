/**
 * Reconnect delays: exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential
 * Backoff And Jitter", 2015): delay = random(0, min(cap, base · 2^attempt)). Spreading retries over
 * the whole window is what prevents a thundering herd of 2,000 seats after a server restart.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number; // [0, 1)
}

export function fullJitterDelay(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
