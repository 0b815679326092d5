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

/** 2026-03-01, or a dash when absent. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

/** 2026-03-01 14:05, or a dash when absent. */
export function formatMinute(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

/** 1.2 MB, 350 KB. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}
