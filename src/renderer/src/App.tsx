/** Root: providers, the storage error screen, sign-in, and the signed-in workspace. */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, ConfigProvider, Result, Spin, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import type { Session } from '../../shared/contract';
import { call, errorMessage } from './api/client';
import { useCoreEvents, useSession } from './api/hooks';
import { keys, queryClient } from './api/queryClient';
import { Header } from './components/Header';
import { ShortcutHelp } from './components/ShortcutHelp';
import { IntakeScreen } from './screens/intake/IntakeScreen';
import { SignIn } from './screens/SignIn';
import { StorageError } from './screens/StorageError';
import { TicketList } from './screens/tickets/TicketList';
import { TicketPage } from './screens/tickets/TicketPage';
import { useHotkeys } from './shortcuts/keys';
import { formFromDraft, useIntake } from './state/intake';
import { useUi } from './state/ui';

/** Brings back the latest draft once per start, before autosave may write anything. */
function useRestoreDraft(): boolean {
  // Already typing (signed out and in again in this window): the form in memory is the newest.
  const [alreadyEditing] = useState(() => useIntake.getState().revision > 0);
  const [ready, setReady] = useState(alreadyEditing);
  useEffect(() => {
    if (alreadyEditing) return;
    let cancelled = false;
    call('drafts.latest', {})
      .then((draft) => {
        if (!cancelled && draft && useIntake.getState().revision === 0) useIntake.getState().restore(draft.id, formFromDraft(draft.appeal));
      })
      .catch(() => undefined) // nothing to restore is not an error the agent can act on
      .finally(() => {
        if (!cancelled) setReady(true);
      });
    return () => {
      cancelled = true;
    };
  }, [alreadyEditing]);
  return ready;
}

function Workspace({ session }: { session: Session }) {
  const screen = useUi((s) => s.screen);
  const go = useUi((s) => s.go);
  const helpOpen = useUi((s) => s.helpOpen);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const ready = useRestoreDraft();
  useCoreEvents(true);
  useHotkeys({
    'ctrl+1': () => go({ name: 'intake' }),
    'ctrl+2': () => go({ name: 'tickets' }),
    f1: () => setHelpOpen(!helpOpen),
    'ctrl+/': () => setHelpOpen(!helpOpen),
  });

  const signOut = () => {
    void call('session.signOut', {})
      .catch(() => null)
      .then(() => queryClient.setQueryData(keys.session, null));
  };

  return (
    <div className="workspace">
      <Header session={session} onSignOut={signOut} />
      <main className="screen">
        {screen.name === 'intake' && <IntakeScreen ready={ready} />}
        {screen.name === 'tickets' && <TicketList />}
        {screen.name === 'ticket' && <TicketPage id={screen.id} />}
      </main>
      <ShortcutHelp />
    </div>
  );
}

function Root() {
  const storageError = useUi((s) => s.storageError);
  const session = useSession();
  if (storageError) return <StorageError message={storageError} />;
  if (session.isLoading) return <Spin fullscreen description="正在连接受理台服务…" />;
  if (session.isError)
    return (
      <Result
        status="warning"
        title="无法连接受理台服务"
        subTitle={errorMessage(session.error)}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            重试
          </Button>
        }
      />
    );
  if (!session.data) return <SignIn />;
  return <Workspace session={session.data} />;
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ algorithm: theme.compactAlgorithm, token: { fontSize: 14 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Root />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
