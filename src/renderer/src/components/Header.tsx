/** Top bar: screen switch, seat and agent, connection indicator, shortcut help. */
import { Badge, Button, Space, Tooltip } from 'antd';
import type { Session } from '../../../shared/contract';
import { connectionLabel } from './connection';
import { useSyncStatus } from '../api/hooks';
import { useUi } from '../state/ui';
import { SeatStateSwitch } from './SeatState';

export function Header({ session, onSignOut }: { session: Session; onSignOut(): void }) {
  const screen = useUi((s) => s.screen);
  const go = useUi((s) => s.go);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const sync = useSyncStatus();
  const conn = connectionLabel(sync.data);
  return (
    <header className="app-header">
      <div className="brand">12345 受理台</div>
      <nav>
        <Button type={screen.name === 'intake' ? 'primary' : 'text'} size="small" onClick={() => go({ name: 'intake' })} tabIndex={-1}>
          受理 <kbd>Ctrl+1</kbd>
        </Button>
        <Button type={screen.name !== 'intake' ? 'primary' : 'text'} size="small" onClick={() => go({ name: 'tickets' })} tabIndex={-1}>
          我的工单 <kbd>Ctrl+2</kbd>
        </Button>
      </nav>
      <Space className="header-right" size="middle">
        <Tooltip title={sync.data?.detail ?? (sync.isError ? '无法读取同步状态' : undefined)}>
          <span data-testid="connection" data-state={sync.data?.state ?? 'unknown'}>
            <Badge status={conn.badge} text={conn.text} />
          </span>
        </Tooltip>
        <SeatStateSwitch />
        <span data-testid="seat">
          坐席 <b>{session.seat}</b> · {session.agentName}
          {session.offline && (
            <Tooltip title="服务器暂时连不上，已用本机记录登录；恢复连接后自动同步">
              <span className="offline-login"> · 离线登录</span>
            </Tooltip>
          )}
        </span>
        <Button size="small" type="text" onClick={() => setHelpOpen(true)} tabIndex={-1}>
          快捷键 <kbd>F1</kbd>
        </Button>
        <Button size="small" type="text" onClick={onSignOut} tabIndex={-1}>
          签退
        </Button>
      </Space>
    </header>
  );
}
