/**
 * Sign in to a seat. With a central server: username + password (checked by the server, or
 * offline against this machine's record of the last online sign-in). Without one: a local
 * profile (the agent's name). Enter submits.
 */
import { useState, type ReactNode } from 'react';
import { Button, Card, Form, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiCallError, call, errorMessage } from '../api/client';
import { keys } from '../api/queryClient';

const FIELD_IDS: Record<string, string> = {
  agentName: 'signin-agent',
  username: 'signin-username',
  password: 'signin-password',
  seat: 'signin-seat',
};

export function SignIn() {
  const queryClient = useQueryClient();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}) });
  const withServer = Boolean(info.data?.serverUrl);
  const [agentName, setAgentName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [seat, setSeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const focusFirst = (fieldErrors: Record<string, string>) => {
    const first = Object.keys(FIELD_IDS).find((field) => fieldErrors[field]);
    if (first) document.getElementById(FIELD_IDS[first]!)?.focus();
  };

  const submit = async () => {
    if (busy) return; // a second Enter while signing in must not sign in twice
    const local: Record<string, string> = {};
    if (withServer) {
      if (!username.trim()) local.username = '请填写用户名';
      if (!password) local.password = '请填写密码';
    } else if (!agentName.trim()) local.agentName = '请填写坐席人员姓名';
    if (!/^[A-Za-z0-9-]{1,12}$/.test(seat.trim())) local.seat = '坐席号只能是字母、数字或“-”，最多12位';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) {
      focusFirst(local);
      return;
    }
    setBusy(true);
    try {
      const input = withServer ? { username: username.trim(), password, seat: seat.trim() } : { agentName: agentName.trim(), seat: seat.trim() };
      const session = await call('session.signIn', input);
      queryClient.setQueryData(keys.session, session);
    } catch (error) {
      if (error instanceof ApiCallError && Object.keys(error.fieldErrors).length) {
        setErrors(error.fieldErrors);
        focusFirst(error.fieldErrors);
      }
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const item = (field: string, label: string, input: ReactNode) => (
    <Form.Item label={label} htmlFor={FIELD_IDS[field]} validateStatus={errors[field] ? 'error' : undefined} help={errors[field]}>
      {input}
    </Form.Item>
  );

  return (
    <div className="signin">
      <Card title="12345 热线受理台 · 坐席签入" style={{ width: 380 }}>
        <Form layout="vertical" onFinish={() => void submit()} requiredMark={false}>
          {withServer ? (
            <>
              {item('username', '用户名', <Input id="signin-username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />)}
              {item('password', '密码', <Input.Password id="signin-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />)}
            </>
          ) : (
            item('agentName', '坐席人员姓名', <Input id="signin-agent" autoFocus value={agentName} onChange={(e) => setAgentName(e.target.value)} autoComplete="off" />)
          )}
          {item('seat', '坐席号', <Input id="signin-seat" value={seat} placeholder="如 A-012" onChange={(e) => setSeat(e.target.value)} autoComplete="off" />)}
          {failure && (
            <div className="field-error" role="alert">
              {failure}
            </div>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            签入 <kbd>Enter</kbd>
          </Button>
          <div className="signin-mode">{info.data ? (withServer ? `服务器：${info.data.serverUrl}` : '未配置服务器：仅本机保存') : ' '}</div>
        </Form>
      </Card>
    </div>
  );
}
