import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

/** 2026-03-01 14:05:09, or a dash when absent. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** Whether an ISO time lies in the future (e.g. a lockout still running). */
export function isFuture(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isAfter(dayjs());
}

export function formatCount(n: number | undefined): string {
  return n === undefined ? '—' : n.toLocaleString('zh-CN');
}
