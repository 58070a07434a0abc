/**
 * Wrong-password rate limiting: a fixed window per key (username and remote address separately).
 * After `maxFailures` failures inside `windowMs`, the key is locked until the window ends, so
 * guessing costs minutes per handful of tries. In memory: a restart forgives, which is acceptable
 * for a single node; a multi-node deployment moves this to the shared store.
 */
export interface RateLimiterOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

export class LoginRateLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until the key may try again, or 0. */
  retryAfterMs(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const now = this.now();
    if (now >= entry.resetAt) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.options.maxFailures ? entry.resetAt - now : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    const entry = this.failures.get(key);
    if (!entry || now >= entry.resetAt) this.failures.set(key, { count: 1, resetAt: now + this.options.windowMs });
    else entry.count += 1;
    if (this.failures.size > 100_000) this.prune(now);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now >= entry.resetAt) this.failures.delete(key);
  }
}
