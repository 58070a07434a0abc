/**
 * Dispatch workflow (直派/双派, 会商, 退单, 派单争议, 首接负责) as a pure module that runs anywhere.
 *
 *   const r = apply(state, { type: 'dispatch', assignment: { leadUnitId, mode: 'direct' } }, actor, Date.now());
 *   if (r.ok) save(r.state, r.events); else show(r.reason);
 *
 * - `apply(state, command, actor, now, policy?)`: validates the command and actor with the zod
 *   schemas, checks role, unit and status, and returns the next state plus audit events
 *   ({who, at, why}) or a Chinese reason. It never mutates its input.
 * - `createDispatchState(ticketId, tier)`: a fresh recorded ticket, owned by the hotline centre.
 * - `DispatchCommand`, `DispatchActor`, `Assignment`: zod schemas for the server to validate input.
 * - `checkDispatchInvariants(state)`: the rules every state obeys (used by tests and the server).
 * - `dispatchQueueOf(state)`: 待派 / 会商中 / 退单待审 / 争议待裁定 queue membership.
 */
export { apply, type ApplyResult } from './machine';
export * from './schemas';
export * from './state';
export { DEFAULT_DISPATCH_POLICY, deadlineFor, type DispatchPolicy } from './policy';
export { checkDispatchInvariants } from './invariants';
