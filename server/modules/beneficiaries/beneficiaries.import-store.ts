import type { ImportEvent, ImportTotals } from '../../../common/contracts/beneficiaries';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { IMPORT_HEADERS } from './beneficiaries.rows';
import { insertHouseholdBatch, registeredIdIndexes, type IndexedHousehold } from './beneficiaries.write';

/** Rows per batch: one registry lookup, one transaction with one insert statement and one audit row each. */
export const IMPORT_BATCH_ROWS = 4_000;
/**
 * Batches stored at the same time (each on its own connection) while the next rows are parsed. They
 * are independent: duplicates inside the file are caught before a household joins a batch.
 */
export const IMPORT_PARALLEL_BATCHES = 3;

export interface PendingHousehold {
  household: IndexedHousehold;
  /** Sheet row of each member, in order. */
  rows: number[];
}

/**
 * Stores the batches of one import: for each, the members already in the registry are reported (their
 * household is skipped), then one transaction inserts the rest and appends the batch's audit row.
 * Batches run concurrently, at most IMPORT_PARALLEL_BATCHES at a time.
 */
export class ImportStore {
  batches = 0;
  private inflight = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly importId: string,
    private readonly fileName: string,
    private readonly totals: ImportTotals,
    private readonly out: ImportEvent[],
  ) {}

  /** Hands a batch to the database, first waiting for a free slot; throws a failure of an earlier batch. */
  async add(batch: PendingHousehold[]): Promise<void> {
    while (this.inflight.size >= IMPORT_PARALLEL_BATCHES) await Promise.race(this.inflight);
    this.rethrow();
    if (batch.length === 0) return;
    const running: Promise<void> = this.store(batch).then(
      () => void this.inflight.delete(running),
      (error: unknown) => {
        this.failure ??= { error };
        this.inflight.delete(running);
      },
    );
    this.inflight.add(running);
  }

  /** Waits for every batch handed over; throws the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.inflight);
    this.rethrow();
  }

  /** Whether an error came from storing (not from reading the sheet). */
  isStoreFailure(err: unknown): boolean {
    return this.failure !== null && this.failure.error === err;
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  private async store(batch: PendingHousehold[]): Promise<void> {
    const { ctx, totals } = this;
    const taken = await registeredIdIndexes(
      ctx.db,
      batch.flatMap((p) => p.household.indexes),
    );
    const keep: PendingHousehold[] = [];
    for (const p of batch) {
      const hits = p.household.indexes.map((ix, i) => (taken.has(ix) ? p.rows[i]! : -1)).filter((r) => r > 0);
      if (hits.length === 0) {
        keep.push(p);
        continue;
      }
      for (const row of hits)
        this.out.push({
          type: 'error',
          row,
          field: IMPORT_HEADERS.idNumber,
          message: '该身份证号已在救助对象库中登记',
        });
      totals.failed += hits.length;
      totals.skipped += p.rows.length - hits.length;
    }
    if (keep.length === 0) return;
    const rows = keep.reduce((a, p) => a + p.rows.length, 0);
    await withTx(ctx, async (tx) => {
      await insertHouseholdBatch(
        tx,
        keep.map((p) => p.household),
        'active',
        `批量导入：${this.fileName}`,
      );
      // Numbered as the batches reach their audit row (concurrent batches may reach the chain lock in either order).
      await recordAudit(tx, {
        action: 'beneficiary.import',
        entityType: 'beneficiary_import',
        entityId: this.importId,
        details: {
          fileName: this.fileName,
          batch: ++this.batches,
          households: keep.length,
          rows,
          firstRow: keep[0]!.rows[0],
          lastRow: keep.at(-1)!.rows.at(-1),
        },
      });
    });
    totals.households += keep.length;
    totals.ok += rows;
  }
}
