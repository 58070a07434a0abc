/** Sign in to a seat (local profile; server authentication comes with sync). Enter submits. */
import { useState } from 'react';
import { Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiCallError, call, errorMessage } from '../api/client';
import { keys } from '../api/queryClient';

export function SignIn() {
  const queryClient = useQueryClient();
  const [agentName, setAgentName] = useState('');
  const [seat, setSeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!agentName.trim()) local.agentName = '请填写坐席人员姓名';
    if (!/^[A-Za-z0-9-]{1,12}$/.test(seat.trim())) local.seat = '坐席号只能是字母、数字或“-”，最多12位';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) {
      document.getElementById(local.agentName ? 'signin-agent' : 'signin-seat')?.focus();
      return;
    }
    setBusy(true);
    try {
      const session = await call('session.signIn', { agentName: agentName.trim(), seat: seat.trim() });
      queryClient.setQueryData(keys.session, session);
    } catch (error) {
      if (error instanceof ApiCallError && Object.keys(error.fieldErrors).length) setErrors(error.fieldErrors);
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <Card title="12345 热线受理台 · 坐席签入" style={{ width: 380 }}>
        <Form
          layout="vertical"
          onFinish={() => void submit()}
          requiredMark={false}
        >
          <Form.Item label="坐席人员姓名" htmlFor="signin-agent" validateStatus={errors.agentName ? 'error' : undefined} help={errors.agentName}>
            <Input id="signin-agent" autoFocus value={agentName} onChange={(e) => setAgentName(e.target.value)} autoComplete="off" />
          </Form.Item>
          <Form.Item label="坐席号" htmlFor="signin-seat" validateStatus={errors.seat ? 'error' : undefined} help={errors.seat}>
            <Input id="signin-seat" value={seat} placeholder="如 A-012" onChange={(e) => setSeat(e.target.value)} autoComplete="off" />
          </Form.Item>
          {failure && <div className="field-error" role="alert">{failure}</div>}
          <Button type="primary" htmlType="submit" block loading={busy}>
            签入 <kbd>Enter</kbd>
          </Button>
        </Form>
      </Card>
    </div>
  );
}
