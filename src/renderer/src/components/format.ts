/** Display helpers: relative times and labels in Chinese. */
import type { SyncState } from '../../../shared/domain';

/**
 * Times are shown on Beijing's wall clock (UTC+8, no daylight saving) whatever the machine's time
 * zone is: a VDI seat on UTC must show the same times as the list's date filter, which uses Beijing dates.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

function beijing(d: Date): Date {
  return new Date(d.getTime() + BEIJING_OFFSET_MS); // read with getUTC*
}

export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const diff = now.getTime() - then.getTime();
  if (Number.isNaN(diff)) return iso;
  if (diff < 60_000) return '刚刚';
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  const today = beijing(now);
  const startOfToday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - BEIJING_OFFSET_MS;
  if (then.getTime() >= startOfToday) return `${Math.floor(diff / 3600_000)}小时前`;
  if (then.getTime() >= startOfToday - 86_400_000) return `昨天 ${formatTime(then)}`;
  return formatDateTime(iso);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatTime(d: Date): string {
  const b = beijing(d);
  return `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const b = beijing(d);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${formatTime(d)}:${pad(b.getUTCSeconds())}`;
}

export const SYNC_LABELS: Record<SyncState, { text: string; color: string }> = {
  pending: { text: '待同步', color: 'gold' },
  synced: { text: '已同步', color: 'green' },
  rejected: { text: '服务器拒绝', color: 'red' },
};
