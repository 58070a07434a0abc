import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../../src/main/core/sync/backoff';

describe('reconnect backoff (full jitter)', () => {
  it('stays within [0, min(cap, base·2^attempt))', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = fullJitterDelay(attempt, { baseMs: 500, maxMs: 30_000, random: () => r });
        return d >= 0 && d < Math.min(30_000, 500 * 2 ** attempt);
      }),
    );
  });

  it('spreads clients that reconnect at the same moment over the whole window', () => {
    const delays = Array.from({ length: 1000 }, () => fullJitterDelay(10, { baseMs: 500, maxMs: 30_000 }));
    const early = delays.filter((d) => d < 10_000).length;
    const late = delays.filter((d) => d >= 20_000).length;
    expect(early).toBeGreaterThan(200);
    expect(late).toBeGreaterThan(200);
  });
});
