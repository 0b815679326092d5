import type { Checklist, DailyReport, FigureKey } from '../../../common/contracts/daily-reports';
import { shanghaiInstant } from '../../../common/business-day';

export const CHECKLIST_KEYS = [
  'closedManagement',
  'noFever',
  'noNewAdmissions',
] as const satisfies readonly (keyof Checklist)[];

/** What a zero report attests, as the signer reads it. */
export const CHECKLIST_LABELS: Record<keyof Checklist, string> = {
  closedManagement: '封闭管理等防控措施落实到位',
  noFever: '服务对象和工作人员无发热、咳嗽等症状',
  noNewAdmissions: '今日无新入住人员',
};

export const FIGURE_UNITS: Record<FigureKey, string> = {
  residentsPresent: '人',
  staffOnSite: '人',
  staffLivingIn: '人',
  admissions: '人',
  discharges: '人',
  temperatureChecks: '人次',
  feverCount: '人',
  suspectedCases: '例',
  confirmedCases: '例',
  isolatedCount: '人',
  testsDone: '人次',
  positives: '人',
  visitorsRefused: '人次',
};

/** The form's sections, in the order a reporter counts. */
export const FIGURE_GROUPS: { title: string; keys: FigureKey[] }[] = [
  {
    title: '人员情况',
    keys: ['residentsPresent', 'staffOnSite', 'staffLivingIn', 'admissions', 'discharges'],
  },
  {
    title: '健康监测',
    keys: ['temperatureChecks', 'feverCount', 'suspectedCases', 'confirmedCases', 'isolatedCount'],
  },
  { title: '核酸/抗原检测', keys: ['testsDone', 'positives'] },
  { title: '防控措施', keys: ['visitorsRefused'] },
];

/** Figures that mean something is wrong when above zero. */
export const ALARM_KEYS: readonly FigureKey[] = [
  'feverCount',
  'suspectedCases',
  'confirmedCases',
  'positives',
];

/** Head counts a reporter must count each day; the other figures start at 0. */
export const HEADCOUNT_KEYS: readonly FigureKey[] = [
  'residentsPresent',
  'staffOnSite',
  'staffLivingIn',
  'temperatureChecks',
];

export const KIND_SHORT: Record<DailyReport['kind'], string> = {
  report: '日报告',
  zero: '零报告',
  not_applicable: '不适用',
};

/** The deadline instant of a business day at a Shanghai clock time. */
export function deadlineOf(date: string, time: string): Date {
  return shanghaiInstant(date, time);
}

/** 3 小时 20 分 / 45 分钟 / 不到 1 分钟. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '不到 1 分钟';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} 分钟`;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分`;
}

/** Completion as a percentage with one decimal, never capped (unexpected submissions may push it past 100). */
export function ratePercent(submitted: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.round((submitted / expected) * 1000) / 10;
}

export function formatRate(submitted: number, expected: number): string {
  const rate = ratePercent(submitted, expected);
  return rate === null ? '—' : `${rate}%`;
}

/** Shanghai time of day of an ISO instant: 16:05. */
export function shanghaiClock(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(11, 16);
}

/** Shanghai date and time of an ISO instant: 2026-03-01 16:05. */
export function shanghaiDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 2026年3月1日 星期日 */
export function longDate(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 星期${WEEKDAYS[d.getUTCDay()]}`;
}
