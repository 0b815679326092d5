/** Filters and paging kept in the address bar, so reload and the back button keep the view. */

export function positiveInt(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Search params of the set values, leaving out page 1 and the default page size. */
export function toSearchParams(values: Record<string, string | number | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (
      v === undefined ||
      v === '' ||
      (k === 'page' && v === 1) ||
      (k === 'pageSize' && v === DEFAULT_PAGE_SIZE)
    )
      continue;
    search.set(k, String(v));
  }
  return search;
}
