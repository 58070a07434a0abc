/**
 * Time rules of the workflow: deadlines per tier (TIME_TIER_MS) and the window in which a unit may
 * return a ticket. The windows are policy, not law: the server may pass its own.
 */
import { TIME_TIER_MS, type TimeTier } from '../domain';

export interface DispatchPolicy {
  /** How long after a dispatch (per tier) the receiving unit may still return it (退单时限). */
  returnWindowMs: Record<TimeTier, number>;
  /**
   * Optional registry check: when given, dispatching to a unit for which it returns a message
   * (unknown, retired) is rejected with that message. Pure: the caller supplies the lookup.
   */
  checkUnit?: (unitId: string) => string | null;
}

const HOUR = 3600_000;

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = {
  // Urgent tickets cannot sit with the wrong unit for long, so their window is short.
  returnWindowMs: { '2h': 0.5 * HOUR, '24h': 2 * HOUR, '7d': 24 * HOUR, '15d': 24 * HOUR },
};

export function deadlineFor(tier: TimeTier, dispatchedAtMs: number): number {
  return dispatchedAtMs + TIME_TIER_MS[tier];
}
