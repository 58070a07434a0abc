import type { WireErrorCode } from '../../shared/sync-wire';

/** A command refused with a Chinese reason: stored, acked and written into the ticket's history. */
export class Rejection extends Error {
  constructor(
    readonly code: WireErrorCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}
