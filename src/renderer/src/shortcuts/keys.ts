/**
 * Keyboard-first: every frequent action has a shortcut, listed once here so the help overlay
 * (F1) and the hints next to buttons never drift from what the handlers do.
 */
import { useEffect, useRef } from 'react';

export interface ShortcutInfo {
  keys: string; // as shown to the agent
  action: string;
  where: '全局' | '受理' | '辅助建议' | '紧急转接' | '我的工单' | '工单详情' | '编辑诉求' | '派单';
}

export const SHORTCUTS: ShortcutInfo[] = [
  { keys: 'F1 / Ctrl+/', action: '打开或关闭快捷键帮助', where: '全局' },
  { keys: 'Ctrl+1', action: '受理（新诉求登记）', where: '全局' },
  { keys: 'F7 / F8 / F9 / Shift+F7', action: '坐席状态：就绪 / 通话中 / 话后处理 / 小休（班长可见）', where: '全局' },
  { keys: 'Ctrl+2', action: '我的工单', where: '全局' },
  { keys: 'Ctrl+Enter', action: '保存诉求，生成工单', where: '受理' },
  { keys: 'Alt+N / Ctrl+N', action: '新诉求（当前草稿已自动保存）', where: '受理' },
  { keys: 'Alt+1 … Alt+4', action: '跳到字段组：来电人 / 地点 / 分类 / 内容', where: '受理' },
  { keys: 'F6 / Shift+F6', action: '下一个 / 上一个字段组', where: '受理' },
  { keys: 'Tab / Shift+Tab', action: '下一个 / 上一个字段；下拉框内输入即搜索，Enter 选中', where: '受理' },
  { keys: 'Delete', action: '清空区、街道乡镇或分类', where: '受理' },
  { keys: 'Alt+T', action: '采纳建议的诉求类型', where: '辅助建议' },
  { keys: 'Alt+C', action: '采纳建议的诉求分类（第一项）', where: '辅助建议' },
  { keys: 'Alt+D', action: '采纳建议的区和街道乡镇', where: '辅助建议' },
  { keys: 'Alt+U', action: '采纳建议的办理时限', where: '辅助建议' },
  { keys: 'F10 / F11 / F12', action: '转 110 报警 / 119 消防 / 120 急救（确认后执行，无提示时也可用）', where: '紧急转接' },
  { keys: 'Enter', action: '确认转接', where: '紧急转接' },
  { keys: 'Esc', action: '不转接，填写原因后关闭紧急提示', where: '紧急转接' },
  { keys: 'Ctrl+F 或 /', action: '搜索标题和内容', where: '我的工单' },
  { keys: '↑ / ↓', action: '选择工单', where: '我的工单' },
  { keys: 'Enter', action: '打开选中的工单', where: '我的工单' },
  { keys: 'Esc', action: '返回（在答复或引导表单中：回到派单建议）', where: '工单详情' },
  { keys: 'Alt+E', action: '编辑诉求：类型、分类、时限、标题、内容、地点（来电人信息不可改）', where: '工单详情' },
  { keys: 'Ctrl+Enter / Esc', action: '保存修改（待同步）/ 放弃修改', where: '编辑诉求' },
  { keys: '1 … 5', action: '选择职责目录推荐的第 1–5 项', where: '派单' },
  { keys: 'Enter / Ctrl+D', action: '派给选中的单位（一键确认，待服务器确认）', where: '派单' },
  { keys: 'Alt+A', action: '当场答复办结：填写答复内容，Ctrl+Enter 提交', where: '派单' },
  { keys: 'Alt+L', action: '引导至法定途径：选择途径并说明，Ctrl+Enter 提交', where: '派单' },
];

/** "ctrl+alt+shift+key" from a keyboard event; letters and digits by physical key. */
export function comboOf(e: KeyboardEvent): string {
  let key = e.key.toLowerCase();
  if (/^Key[A-Z]$/.test(e.code)) key = e.code.slice(3).toLowerCase();
  else if (/^Digit\d$/.test(e.code)) key = e.code.slice(5);
  else if (e.code === 'Slash') key = '/';
  if (key === 'esc') key = 'escape';
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('ctrl');
  if (e.altKey) parts.push('alt');
  if (e.shiftKey && key.length > 1) parts.push('shift'); // Shift+letter is just typing
  parts.push(key);
  return parts.join('+');
}

/** A handler returning false declines the key (it then reaches the focused control). */
export type HotkeyMap = Record<string, (e: KeyboardEvent) => void | boolean>;

/** Registers window-level shortcuts while the component is mounted; the handler map may change every render. */
export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  useEffect(() => {
    ref.current = map;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return; // an IME is composing Chinese: the key belongs to it
      const handler = ref.current[comboOf(e)];
      if (!handler || handler(e) === false) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}

/** True while focus sits in an open dropdown (Esc and Enter belong to it then). */
export function inOpenDropdown(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  return target?.getAttribute?.('aria-expanded') === 'true';
}

/** True while a modal dialog is open (its own keys win). */
export function modalOpen(): boolean {
  return document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal') !== null;
}
