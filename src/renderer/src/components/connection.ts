import type { ConnectionStatus } from '../../../shared/contract';

/** The header's connection indicator: what `sync.status` says, in words an agent reads at a glance. */
export function connectionLabel(status: ConnectionStatus | undefined): { text: string; badge: 'success' | 'default' | 'processing' | 'error' | 'warning' } {
  if (!status) return { text: '连接状态未知', badge: 'default' };
  switch (status.state) {
    case 'online':
      return { text: status.pending > 0 ? `在线 · 待同步 ${status.pending}` : '在线', badge: 'success' };
    case 'syncing':
      return { text: `同步中 · 待同步 ${status.pending}`, badge: 'processing' };
    case 'offline':
      return { text: `离线 · 待同步 ${status.pending}`, badge: 'warning' };
    case 'error':
      return { text: `同步出错 · 待同步 ${status.pending}`, badge: 'error' };
    case 'disabled':
      return { text: status.pending > 0 ? `仅本地 · 未同步 ${status.pending}` : '仅本地', badge: 'default' };
  }
}
