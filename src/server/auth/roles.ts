/**
 * What each role may do over the socket. Commands are checked per type (see sync/commands), the
 * other events here. Units get their own API later; they do not see the whole change feed.
 */
import type { Role } from '../../shared/sync-wire';

export const ROLE_LABELS: Record<Role, string> = {
  agent: '话务员',
  lead: '班长',
  dispatcher: '派单员',
  unit: '承办单位',
  admin: '管理员',
};

export const SOCKET_PERMISSIONS = {
  pull: ['agent', 'lead', 'dispatcher', 'admin'],
  push: ['agent', 'lead', 'dispatcher'],
  seatState: ['agent', 'lead'],
  seatBoard: ['lead', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export function allowed(role: Role, roles: readonly Role[]): boolean {
  return roles.includes(role);
}
