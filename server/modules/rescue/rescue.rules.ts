import type { InstitutionType, RescuePlacementKind, RescueStatus } from '../../../common/enums';
import { normalizeIdNumber, validIdNumber } from '../../../common/id-card';

/** Full years on `day` (YYYY-MM-DD) of a person born on the date inside a valid ID number; else null. */
export function ageFromIdNumber(idNumber: string | undefined | null, day: string): number | null {
  if (!idNumber || !validIdNumber(idNumber)) return null;
  const id = normalizeIdNumber(idNumber);
  const [y, m, d] = [Number(id.slice(6, 10)), id.slice(10, 12), id.slice(12, 14)];
  const [ty, tmd] = [Number(day.slice(0, 4)), day.slice(5, 7) + day.slice(8, 10)];
  return ty - y - (tmd < m + d ? 1 : 0);
}

/**
 * Under 18 by any account: said to be a minor, an approximate age under 18, or an ID number whose birth
 * date makes them under 18 on the day found. When in doubt a child is treated as a child.
 */
export function isMinor(
  p: {
    minor?: boolean | undefined;
    approxAge?: number | undefined | null;
    idNumber?: string | undefined | null;
  },
  day: string,
): boolean {
  if (p.minor) return true;
  if (p.approxAge !== undefined && p.approxAge !== null && p.approxAge < 18) return true;
  const age = ageFromIdNumber(p.idNumber, day);
  return age !== null && age < 18;
}

/** Help can be recorded until the person has gone home or the case is closed. */
export const canHelp = (s: RescueStatus) => s !== 'returned' && s !== 'closed';

/** A placement can be decided while found, helped, or placed (a station may later send them home). */
export const canPlace = (s: RescueStatus) => s === 'found' || s === 'helped' || s === 'placed';

/** Status after help: the first help moves `found` to `helped`; later states stay. */
export const statusAfterHelp = (s: RescueStatus): RescueStatus => (s === 'found' ? 'helped' : s);

/**
 * Status after a placement. A minor placed in a station waits for the hospital screening (`screening`)
 * until the placement is confirmed; an adult is placed at once.
 */
export function statusAfterPlacement(kind: RescuePlacementKind, minor: boolean): RescueStatus {
  switch (kind) {
    case 'station':
      return minor ? 'screening' : 'placed';
    case 'hospital':
      return 'placed';
    case 'home':
      return 'returned';
    case 'declined':
      return 'closed';
  }
}

/** A rescue station takes anyone; a minors' rescue and protection centre takes minors only. */
export function stationTakes(type: InstitutionType, minor: boolean): boolean {
  return type === 'rescue_station' || (minor && type === 'minor_protection');
}

/** 2022-09-10T02:00:00Z -> 2022年9月10日 (Asia/Shanghai). */
export function chineseDate(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 此人曾于 2022年9月10日 在 遵义市红花岗区老城街道 被救助（此前共 2 次） — from the newest earlier rescue. */
export function earlierWarning(earlier: readonly { foundAt: Date; regionName: string }[]): string | null {
  const last = earlier[0];
  if (!last) return null;
  const times = earlier.length > 1 ? `（此前共 ${earlier.length} 次）` : '';
  return `此人曾于 ${chineseDate(last.foundAt)} 在 ${last.regionName} 被救助${times}`;
}
