/** The catalogue and the dispatch machine together: match → one-key dispatch → return → re-dispatch. */
import { describe, expect, it } from 'vitest';
import { assignmentFromMatch, loadStarterMatcher, loadUnitRegistry } from '../../../src/main/core/catalogue';
import { DEFAULT_DISPATCH_POLICY, apply, checkDispatchInvariants, createDispatchState, type DispatchPolicy } from '../../../src/shared/dispatch';

describe('catalogue match drives the dispatch', () => {
  it('dispatches the suggested units under the catalogue version, and the registry guards re-dispatch', () => {
    const registry = loadUnitRegistry();
    const policy: DispatchPolicy = { ...DEFAULT_DISPATCH_POLICY, checkUnit: (id) => registry.dispatchProblem(id) };
    const [match] = loadStarterMatcher(registry).match({ text: '小区停水一整天了还没来水', streetCode: '110105026' });
    const t0 = Date.UTC(2026, 4, 1, 2, 0, 0);
    const dispatched = apply(createDispatchState('T-100', '7d', 'to_dispatch'), { type: 'dispatch', assignment: assignmentFromMatch(match!) }, { id: 'agent-1', role: 'agent' }, t0, policy);
    expect(dispatched.ok).toBe(true);
    if (!dispatched.ok) return;
    expect(dispatched.state.assignment).toMatchObject({ leadUnitId: 'en-water', coUnitIds: ['st-110105026'], mode: 'dual', timeTier: '24h', catalogueVersion: 1, entryId: match!.entryId });
    expect(dispatched.events[0]!.visibleToUnitIds).toEqual(['en-water', 'st-110105026']);

    const returned = apply(dispatched.state, { type: 'request_return', reason: '小区内部管网属物业产权', basis: '供水设施产权分界' }, { id: 'h1', role: 'unit', unitId: 'en-water' }, t0 + 3600_000, policy);
    expect(returned.ok).toBe(true);
    if (!returned.ok) return;
    registry.retire('st-110105026', '2026-05-01T00:00:00.000Z');
    const toRetired = apply(
      returned.state,
      { type: 'review_return', decision: 'approve', basis: '产权属小区', reassignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 1 } },
      { id: 'r1', role: 'reviewer' },
      t0 + 2 * 3600_000,
      policy,
    );
    expect(toRetired).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(!toRetired.ok && toRetired.reason).toContain('已于 2026-05-01 撤销');
    const unknown = apply(returned.state, { type: 'review_return', decision: 'approve', basis: 'x', reassignment: { leadUnitId: 'st-000', mode: 'direct', catalogueVersion: 1 } }, { id: 'r1', role: 'reviewer' }, t0, policy);
    expect(!unknown.ok && unknown.reason).toBe('未知的承办单位：st-000');
    expect(checkDispatchInvariants(returned.state)).toEqual([]);
  });
});
