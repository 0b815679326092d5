import dayjs from 'dayjs';
import { businessDay } from '../../../common/business-day';

/** Whole days from today (Asia/Shanghai) until the first day release is possible; 0 when reached. */
export function daysRemaining(earliestRelease: string): number {
  return Math.max(0, dayjs(earliestRelease).diff(dayjs(businessDay(new Date())), 'day'));
}
