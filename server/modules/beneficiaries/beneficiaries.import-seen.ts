/**
 * First row of each 64-bit key seen in an import file, in typed arrays (open addressing, 12 bytes a
 * slot, at most half the slots used) instead of a Map of strings (about 100 bytes a key): a million
 * keys take 24–48 MB.
 * Keys are 64-bit hashes, so two different values collide with a probability of about n² / 2⁶⁵
 * (3 in 100 million for a million rows).
 */
export class SeenRows {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private row: Uint32Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.row = new Uint32Array(capacity);
  }

  /** The row recorded for the key (hi, lo), or records `row` for it and returns undefined. */
  firstOrAdd(hi: number, lo: number, row: number): number | undefined {
    if ((this.size + 1) * 2 > this.row.length) this.grow();
    const mask = this.row.length - 1;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const r = this.row[i]!;
      if (r === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.row[i] = row;
        this.size++;
        return undefined;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) return r;
    }
  }

  /** Same, keyed by the first 16 hex digits of a hash (a blind index). */
  firstOrAddHex(hex: string, row: number): number | undefined {
    return this.firstOrAdd(parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8, 16), 16), row);
  }

  /** Same, keyed by a 64-bit FNV-1a-style hash of a text (two 32-bit halves with different seeds). */
  firstOrAddText(text: string, row: number): number | undefined {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    return this.firstOrAdd(a >>> 0, b >>> 0, row);
  }

  private grow(): void {
    const { hi, lo, row } = this;
    this.hi = new Uint32Array(row.length * 2);
    this.lo = new Uint32Array(row.length * 2);
    this.row = new Uint32Array(row.length * 2);
    this.size = 0;
    for (let i = 0; i < row.length; i++) if (row[i] !== 0) this.firstOrAdd(hi[i]!, lo[i]!, row[i]!);
  }
}
