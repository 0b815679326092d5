/** ¥1,500.00 from integer fen (negative movements keep their sign). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** Yuan as typed (1500, 1,500.5, ¥20.05) to integer fen without floating-point drift; null when not a sum. */
export function yuanToFen(raw: string | undefined): number | null {
  const text = (raw ?? '').replace(/[¥,，\s]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
}

/** A form rule: a positive sum of yuan, at most two decimals, at most ¥1,000,000. */
export const yuanRule = {
  validator: (_: unknown, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const fen = yuanToFen(v);
    if (fen === null) return Promise.reject(new Error('请输入金额（元），最多两位小数'));
    if (fen < 1) return Promise.reject(new Error('金额须大于 0'));
    if (fen > 100_000_000) return Promise.reject(new Error('单笔不超过 ¥1,000,000.00'));
    return Promise.resolve();
  },
};
