/**
 * Seat presence: which agent sits at which seat and in what state (ready, on call, wrap-up, break,
 * offline). Volatile by nature, so kept in memory; a seat whose last socket disconnects goes
 * offline. Every change is pushed to the leads' room.
 */
import type { AuthUser } from './auth/accounts';
import type { SeatPresence, SeatState } from '../shared/sync-wire';

export class SeatPresenceBoard {
  private readonly seats = new Map<string, SeatPresence & { socketId: string }>();

  constructor(
    private readonly now: () => Date,
    private readonly onChange: (board: SeatPresence[]) => void,
  ) {}

  set(seat: string, user: AuthUser, state: SeatState, socketId: string): void {
    const current = this.seats.get(seat);
    if (current && current.state === state && current.userId === user.id && current.socketId === socketId) return;
    this.seats.set(seat, {
      seat,
      userId: user.id,
      displayName: user.displayName,
      state,
      since: this.now().toISOString(),
      socketId,
    });
    this.onChange(this.list());
  }

  /** The socket went away: its seats go offline (kept on the board so the lead sees who left). */
  disconnected(socketId: string): void {
    let changed = false;
    for (const entry of this.seats.values()) {
      if (entry.socketId === socketId && entry.state !== 'offline') {
        entry.state = 'offline';
        entry.since = this.now().toISOString();
        changed = true;
      }
    }
    if (changed) this.onChange(this.list());
  }

  list(): SeatPresence[] {
    return [...this.seats.values()]
      .map(({ seat, userId, displayName, state, since }) => ({ seat, userId, displayName, state, since }))
      .sort((a, b) => a.seat.localeCompare(b.seat));
  }
}
