/** Display helpers: relative times and labels in Chinese. */
import type { SyncState } from '../../../shared/domain';

export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const diff = now.getTime() - then.getTime();
  if (Number.isNaN(diff)) return iso;
  if (diff < 60_000) return '刚刚';
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (then.getTime() >= startOfToday) return `${Math.floor(diff / 3600_000)}小时前`;
  if (then.getTime() >= startOfToday - 86_400_000) return `昨天 ${formatTime(then)}`;
  return formatDateTime(iso);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(d)}:${pad(d.getSeconds())}`;
}

export const SYNC_LABELS: Record<SyncState, { text: string; color: string }> = {
  pending: { text: '待同步', color: 'gold' },
  synced: { text: '已同步', color: 'green' },
  rejected: { text: '服务器拒绝', color: 'red' },
};
