/**
 * 坐席状态 in the header: 就绪 / 通话中 / 话后处理 / 小休, one function key each, pushed to the team
 * lead's board through the core (best effort; works the same while offline).
 */
import { useEffect } from 'react';
import { Segmented, Tooltip } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client';

type SeatState = 'ready' | 'on_call' | 'wrap_up' | 'break';

export const SEAT_STATE_KEYS: Array<{ state: SeatState; label: string; key: string; matches(e: KeyboardEvent): boolean }> = [
  { state: 'ready', label: '就绪', key: 'F7', matches: (e) => e.key === 'F7' && !e.shiftKey },
  { state: 'on_call', label: '通话中', key: 'F8', matches: (e) => e.key === 'F8' },
  { state: 'wrap_up', label: '话后', key: 'F9', matches: (e) => e.key === 'F9' },
  { state: 'break', label: '小休', key: 'Shift+F7', matches: (e) => e.key === 'F7' && e.shiftKey },
];

export function SeatStateSwitch() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['seat.current'], queryFn: () => call('seat.current', {}) });
  const change = useMutation({
    mutationFn: (state: SeatState) => call('seat.setState', { state }),
    onSuccess: (value) => queryClient.setQueryData(['seat.current'], value),
  });
  const { mutate } = change;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = SEAT_STATE_KEYS.find((k) => k.matches(e));
      if (!hit) return;
      e.preventDefault();
      mutate(hit.state);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mutate]);

  return (
    <Tooltip title={`坐席状态（班长可见）：${SEAT_STATE_KEYS.map((k) => `${k.key} ${k.label}`).join('，')}`}>
      <span data-testid="seat-state" data-state={current.data?.state ?? 'unknown'}>
        <Segmented
          size="small"
          value={current.data?.state ?? 'ready'}
          onChange={(value) => mutate(value as SeatState)}
          options={SEAT_STATE_KEYS.map((k) => ({ value: k.state, label: <span>{k.label} <kbd>{k.key}</kbd></span> }))}
        />
      </span>
    </Tooltip>
  );
}
