/**
 * One-key emergency transfer (issue 6): the red banner names the service, the kind and the phrase
 * that triggered it; F10/F11/F12 open one confirmation (Enter confirms) and record the transfer;
 * Esc asks for the reason the call is not transferred and records the dismissal.
 */
import { useState } from 'react';
import { Alert, Button, Input, Modal, Space } from 'antd';
import type { EmergencyAlert } from '../../../../shared/contract';
import type { EmergencyService } from '../../../../shared/domain';

export const SERVICE_LABELS: Record<EmergencyService, string> = { '110': '110 报警', '119': '119 消防', '120': '120 急救' };
export const SERVICE_KEYS: Record<EmergencyService, string> = { '110': 'F10', '119': 'F11', '120': 'F12' };

export interface TransferInstructionsView {
  ticketId: string;
  service: EmergencyService;
  mode: 'manual' | 'cti';
  dialNumber: string;
  checklist: string[];
}

export function EmergencyBanner({ alert }: { alert: EmergencyAlert }) {
  return (
    <div className="emergency-banner" role="alert" data-testid="emergency-banner">
      <div className="emergency-main">
        <span className="emergency-service">疑似紧急情况 · 请转 {SERVICE_LABELS[alert.service]}</span>
        <span className="emergency-kind">{alert.kind}</span>
        <span className="emergency-trigger">触发语句：“{alert.trigger}”</span>
      </div>
      <div className="emergency-keys">
        <span>
          <kbd>{SERVICE_KEYS[alert.service]}</kbd> 转接 {alert.service}
        </span>
        <span>
          <kbd>Esc</kbd> 不转接（需填写原因）
        </span>
      </div>
    </div>
  );
}

export function ConfirmTransferDialog({
  service,
  alert,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  service: EmergencyService;
  alert: EmergencyAlert | null;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Modal
      open
      title={`确认转接 ${SERVICE_LABELS[service]}？`}
      onCancel={onCancel}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onCancel}>
            取消 <kbd>Esc</kbd>
          </Button>
          <Button type="primary" danger loading={busy} onClick={onConfirm} autoFocus data-testid="confirm-transfer">
            确认转接 <kbd>Enter</kbd>
          </Button>
        </Space>
      }
    >
      {alert && alert.service === service ? (
        <p>
          系统识别为<b>{alert.kind}</b>，触发语句“{alert.trigger}”。
        </p>
      ) : (
        <p>人工转接（系统未识别到需转 {service} 的紧急情况）。</p>
      )}
      <p className="muted">转接将生成工单，并在工单上记录时间、目标、原因、当前文本和坐席。</p>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

const PRESET_REASONS = ['描述的是过去发生的事，现在没有危险', '来电人已自行报警', '咨询流程或费用，非紧急求助', '系统误判'];

export function DismissDialog({ busy, error, onSubmit, onCancel }: { busy: boolean; error: string | null; onSubmit(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    onSubmit(reason.trim());
  };
  return (
    <Modal
      open
      title="不转接：请说明原因"
      onCancel={onCancel}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onCancel}>返回</Button>
          <Button type="primary" loading={busy} onClick={submit} data-testid="confirm-dismiss">
            记录并关闭提示 <kbd>Enter</kbd>
          </Button>
        </Space>
      }
    >
      <Input
        id="dismiss-reason"
        autoFocus
        value={reason}
        maxLength={200}
        status={missing ? 'error' : undefined}
        placeholder="例如：来电人描述的是上个月的事"
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
        onPressEnter={submit}
      />
      {missing && <div className="field-error">请说明不转接的原因</div>}
      <div className="preset-reasons">
        {PRESET_REASONS.map((r) => (
          <Button key={r} size="small" onClick={() => setReason(r)}>
            {r}
          </Button>
        ))}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

export function InstructionsDialog({ instructions, onOpenTicket, onClose }: { instructions: TransferInstructionsView; onOpenTicket(): void; onClose(): void }) {
  return (
    <Modal
      open
      title={`转接 ${SERVICE_LABELS[instructions.service]}`}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onOpenTicket}>查看工单</Button>
          <Button type="primary" onClick={onClose} autoFocus>
            完成，开始新来电 <kbd>Enter</kbd>
          </Button>
        </Space>
      }
    >
      <div className="dial" data-testid="transfer-instructions">
        {instructions.mode === 'manual' ? '请立即拨打' : '正在转接'} <span className="dial-number">{instructions.dialNumber}</span>
      </div>
      <div>向接警员说明：</div>
      <ol className="checklist">
        {instructions.checklist.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
      <div className="muted">转接已记录在工单上。</div>
    </Modal>
  );
}
