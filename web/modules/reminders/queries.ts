import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReminderLogQuery, WelfareTaskQuery } from '../../../common/contracts/reminders';
import { remindersApi } from '../../api/reminders';

export function useWelfareTasks(params: Partial<WelfareTaskQuery>) {
  return useQuery({
    queryKey: ['reminders', 'welfare', params],
    queryFn: () => remindersApi.welfareTasks(params),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useLadder(region: string) {
  return useQuery({ queryKey: ['reminders', 'ladder', region], queryFn: () => remindersApi.ladder(region) });
}

export function useReminderLog(params: Partial<ReminderLogQuery>) {
  return useQuery({
    queryKey: ['reminders', 'log', params],
    queryFn: () => remindersApi.log(params),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useInvalidateReminders() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['reminders'] });
}

/** 截止前 60 分钟 / 截止时 / 截止后 30 分钟. */
export function stepLabel(minutes: number): string {
  if (minutes === 0) return '截止时';
  const abs = Math.abs(minutes);
  const text = abs % 60 === 0 && abs >= 120 ? `${abs / 60} 小时` : `${abs} 分钟`;
  return minutes < 0 ? `截止前 ${text}` : `截止后 ${text}`;
}
