import { Modal, Table } from 'antd';
import { SHORTCUTS } from '../shortcuts/keys';
import { useUi } from '../state/ui';

/** Every shortcut, from the same list the handlers are documented in (F1 or Ctrl+/). */
export function ShortcutHelp() {
  const open = useUi((s) => s.helpOpen);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  return (
    <Modal open={open} title="快捷键" footer={null} onCancel={() => setHelpOpen(false)} width={720} centered>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.where}-${r.keys}`}
        dataSource={SHORTCUTS}
        columns={[
          { title: '场景', dataIndex: 'where', width: 90 },
          { title: '按键', dataIndex: 'keys', width: 170, render: (k: string) => <kbd>{k}</kbd> },
          { title: '作用', dataIndex: 'action' },
        ]}
      />
    </Modal>
  );
}
