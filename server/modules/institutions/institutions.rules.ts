import type { InstitutionStatus } from '../../../common/enums';

export interface StatusEventLike {
  status: InstitutionStatus;
  /** YYYY-MM-DD, Asia/Shanghai business day the status takes effect. */
  effectiveFrom: string;
  /** Order of recording: among events of the same day, the later one wins. */
  seq: number;
}

/**
 * The status of an institution on a business day: the last event (by day, then by recording order)
 * that has taken effect by then; `operating` before any event; null before the institution existed.
 */
export function statusOn(events: readonly StatusEventLike[], day: string, registeredOn: string): InstitutionStatus | null {
  if (day < registeredOn) return null;
  let best: StatusEventLike | null = null;
  for (const e of events) {
    if (e.effectiveFrom > day) continue;
    if (!best || e.effectiveFrom > best.effectiveFrom || (e.effectiveFrom === best.effectiveFrom && e.seq > best.seq)) best = e;
  }
  return best?.status ?? 'operating';
}

/** The key that makes "遵义市 第一 敬老院" and "遵义市第一敬老院" the same institution. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
