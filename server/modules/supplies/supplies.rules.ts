import { INSTITUTION_TYPES, SUPPLY_CATEGORIES, SUPPLY_CATEGORY_LABELS, type InstitutionType, type SupplyCategory } from '../../../common/enums';

/** Average daily consumption is taken over this many days, today included. */
export const CONSUMPTION_WINDOW_DAYS = 7;

export interface NormLike {
  institutionType: string;
  category: string;
  days: number;
  onlyTekun: boolean;
}

/**
 * The default reserve norm: one month (30 days) of living supplies wherever centrally supported 特困
 * persons live (Maiji), whatever the institution type. A configured norm for the same type and category
 * replaces it (days 0 switches it off).
 */
export const DEFAULT_NORMS: readonly Omit<NormLike, 'institutionType'>[] = [{ category: 'living', days: 30, onlyTekun: true }];

/** Every norm in force: the configured ones, and the defaults where nothing is configured. */
export function effectiveNorms(configured: readonly NormLike[]): Array<NormLike & { isDefault: boolean }> {
  const out: Array<NormLike & { isDefault: boolean }> = [];
  for (const type of INSTITUTION_TYPES) {
    for (const category of SUPPLY_CATEGORIES) {
      const own = configured.find((n) => n.institutionType === type && n.category === category);
      const fallback = DEFAULT_NORMS.find((d) => d.category === category);
      if (own) out.push({ ...own, isDefault: false });
      else if (fallback) out.push({ ...fallback, institutionType: type, isDefault: true });
    }
  }
  return out;
}

/** The norm in days that applies to an institution for a category, or null. */
export function normDaysFor(norms: readonly NormLike[], type: InstitutionType, housesTekun: boolean, category: SupplyCategory): number | null {
  const n = norms.find((x) => x.institutionType === type && x.category === category);
  if (!n || n.days <= 0 || (n.onlyTekun && !housesTekun)) return null;
  return n.days;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

export const avgDaily = (usedInWindow: number) => round2(usedInWindow / CONSUMPTION_WINDOW_DAYS);

/** Days the stock lasts at the average consumption; null when nothing was consumed in the window. */
export function daysOfCover(stock: number, usedInWindow: number): number | null {
  if (usedInWindow <= 0) return null;
  return Math.round((Math.max(stock, 0) * CONSUMPTION_WINDOW_DAYS * 10) / usedInWindow) / 10;
}

/**
 * Below its norm: nothing in stock, or fewer days of cover than the norm. With stock but no consumption
 * in the window there is nothing to measure cover by, so it is not flagged.
 */
export function belowNorm(stock: number, usedInWindow: number, normDays: number | null): boolean {
  if (normDays === null) return false;
  if (stock <= 0) return true;
  return usedInWindow > 0 && stock * CONSUMPTION_WINDOW_DAYS < normDays * usedInWindow;
}

/** What to add to reach the norm at the current consumption. */
export function shortfall(stock: number, usedInWindow: number, normDays: number): number | null {
  if (usedInWindow <= 0) return null;
  return round2(Math.max(0, (normDays * usedInWindow) / CONSUMPTION_WINDOW_DAYS - stock));
}

/** Categories named freely in daily reports (key or Chinese label) are booked under a known category, else "other". */
export function bookedCategory(name: string): SupplyCategory {
  const n = name.trim();
  if ((SUPPLY_CATEGORIES as readonly string[]).includes(n)) return n as SupplyCategory;
  return SUPPLY_CATEGORIES.find((c) => SUPPLY_CATEGORY_LABELS[c] === n) ?? 'other';
}
