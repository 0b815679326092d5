import { shanghaiInstant } from '../../../common/business-day';
import type { LadderStep } from '../../../common/contracts/reminders';
import { parentCode } from '../../../common/region-code';

/** The default ladder: the institution 60 minutes before the deadline, the town at it, the county 30 minutes after. */
export const DEFAULT_LADDER: readonly LadderStep[] = [
  { minutes: -60, target: 'institution' },
  { minutes: 0, target: 'town' },
  { minutes: 30, target: 'county' },
];

export interface ResolvedLadder {
  steps: LadderStep[];
  inheritedFrom: string | null;
  isDefault: boolean;
}

/** The ladder of a region: its own, else its nearest ancestor's, else the default. Steps in time order. */
export function resolveLadder(regionCode: string, ladders: ReadonlyMap<string, readonly LadderStep[]>): ResolvedLadder {
  for (let c: string | null = regionCode; c; c = parentCode(c)) {
    const own = ladders.get(c);
    if (own) return { steps: sortSteps(own), inheritedFrom: c === regionCode ? null : c, isDefault: false };
  }
  return { steps: sortSteps(DEFAULT_LADDER), inheritedFrom: null, isDefault: true };
}

export function sortSteps(steps: readonly LadderStep[]): LadderStep[] {
  return [...steps].sort((a, b) => a.minutes - b.minutes).map((s) => ({ minutes: s.minutes, target: s.target }));
}

/** The instant a step fires for a business day whose deadline is the clock time `time`. */
export function fireAt(day: string, time: string, step: LadderStep): Date {
  return new Date(shanghaiInstant(day, time).getTime() + step.minutes * 60_000);
}

/** Steps whose time has come by `now` (every one of them, so a late first run catches up). */
export function dueSteps(steps: readonly LadderStep[], day: string, time: string, now: Date): LadderStep[] {
  return steps.filter((s) => fireAt(day, time, s) <= now);
}

/** The text of a reminder, worded for the moment it is actually sent (a catch-up run may be late). */
export function reminderText(
  step: LadderStep,
  inst: { name: string },
  day: string,
  time: string,
  now: Date,
): { title: string; body: string } {
  const deadline = shanghaiInstant(day, time);
  const left = Math.round((deadline.getTime() - now.getTime()) / 60_000);
  const when = left > 0 ? `截止时间 ${time}，还有 ${left} 分钟` : `已超过截止时间 ${time}`;
  if (step.target === 'institution') {
    return {
      title: `日报告提醒：${inst.name}`,
      body: `${day} 的日报告尚未报送，${when}。当日无异常请直接报送零报告；暂停服务或停业请报“不适用”。`,
    };
  }
  const who = step.target === 'town' ? '请督促机构尽快报送' : '请督促乡镇(街道)和机构尽快报送';
  return { title: `未报送提醒：${inst.name}`, body: `${inst.name} ${day} 的日报告${when}，仍未报送。${who}，联系方式见未报送名单。` };
}
