import { asc, gt, sql } from 'drizzle-orm';
import type { AuditResult } from '../../common/enums';
import { preparedRows, type Db } from '../db/client';
import { auditLog } from '../db/schema/audit';
import { canonicalJson } from './canonical-json';
import { withTx, type Ctx } from './context';
import { hmacHex } from './crypto';

export interface AuditInput {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** Region the object belongs to (for the scoped audit viewer). */
  regionCode?: string | null;
  result?: AuditResult;
  /** What changed; never passwords, tokens or unmasked personal data. */
  details?: Record<string, unknown>;
  /** For events without a session actor (a failed login names the attempted username). */
  actorUsername?: string | null;
  actorId?: string | null;
}

const GENESIS = '0'.repeat(64);
/** Key of the advisory lock that serialises appends to the chain. */
const CHAIN_LOCK = 727_001;

type Row = typeof auditLog.$inferSelect;

/**
 * The hashed text of a row: canonicalJson of its fields in column order. Written out so that the
 * details, the only nested value, are canonicalised once (callers may pass them already as text).
 */
function canonicalRow(r: Omit<Row, 'hash'>, detailsText: string = canonicalJson(r.details)): string {
  const head = [r.seq, r.at.toISOString(), r.actorId, r.actorUsername, r.actorRole, r.actorRegion, r.ip, r.requestId, r.action, r.entityType, r.entityId, r.regionCode, r.result];
  return `${JSON.stringify(head).slice(0, -1)},${detailsText},${JSON.stringify(r.prevHash)}]`;
}

export function chainHash(key: Buffer, r: Omit<Row, 'hash'>, detailsText?: string): string {
  return hmacHex(key, canonicalRow(r, detailsText));
}

/**
 * Appends one row to the hash chain inside the caller's transaction: if the caller rolls back, so does
 * the row, and if this insert fails the caller's change fails with it.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await recordAuditMany(ctx, [input]);
}

/** Who an audit row of a batch is attributed to: each request of a coalesced batch keeps its own. */
export type AuditOrigin = Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>;

/** Rows per insert statement (one JSON parameter; keeps a statement's text and memory bounded). */
const INSERT_CHUNK = 2_000;

/**
 * Appends several rows to the chain with one lock, one read of the chain head and one multi-row insert:
 * the rows are linked in the order given, exactly as the same number of recordAudit calls would link
 * them. An input may carry its own `origin` (actor, ip, request id, clock); otherwise ctx's are used.
 */
export async function recordAuditMany(ctx: Ctx, inputs: Array<AuditInput & { origin?: AuditOrigin }>): Promise<void> {
  if (inputs.length === 0) return;
  await withTx(ctx, async (tx) => {
    await preparedRows(tx.db, sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const [last] = await preparedRows<{ seq: string; hash: string }>(tx.db, sql`select seq, hash from ${auditLog} order by seq desc limit 1`);
    let seq = last ? Number(last.seq) : 0;
    let prevHash = last?.hash ?? GENESIS;
    const out: Row[] = [];
    for (const input of inputs) {
      const from = input.origin ?? tx;
      const actor = from.actor;
      const detailsText = canonicalJson(input.details ?? {});
      const row: Omit<Row, 'hash'> = {
        seq: ++seq,
        at: new Date(from.now().getTime()),
        actorId: input.actorId !== undefined ? input.actorId : (actor?.userId ?? null),
        actorUsername: input.actorUsername !== undefined ? input.actorUsername : (actor?.username ?? null),
        actorRole: actor?.role ?? null,
        actorRegion: actor?.regionCode ?? null,
        ip: from.ip,
        requestId: from.requestId,
        action: input.action,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        regionCode: input.regionCode ?? null,
        result: input.result ?? 'success',
        details: JSON.parse(detailsText) as Record<string, unknown>,
        prevHash,
      };
      prevHash = chainHash(tx.secrets.auditKey, row, detailsText);
      out.push({ ...row, hash: prevHash });
    }
    for (let i = 0; i < out.length; i += INSERT_CHUNK) await insertRows(tx.db, out.slice(i, i + INSERT_CHUNK));
  });
}

/**
 * One multi-row insert from one JSON parameter: building a parameter per value (13 per row) through the
 * query builder cost more CPU than the database spent on the rows in a coalesced batch of 400.
 */
async function insertRows(db: Db, list: Row[]): Promise<void> {
  const json = JSON.stringify(
    list.map((r) => ({
      seq: r.seq, at: r.at.toISOString(), actor_id: r.actorId, actor_username: r.actorUsername, actor_role: r.actorRole,
      actor_region: r.actorRegion, ip: r.ip, request_id: r.requestId, action: r.action, entity_type: r.entityType,
      entity_id: r.entityId, region_code: r.regionCode, result: r.result, details: r.details, prev_hash: r.prevHash, hash: r.hash,
    })),
  );
  await preparedRows(db, sql`insert into ${auditLog} (${sql.raw(AUDIT_COLUMNS)})
    select ${sql.raw(AUDIT_COLUMNS)} from jsonb_to_recordset(${json}::jsonb) as v(
      seq bigint, at timestamptz, actor_id uuid, actor_username text, actor_role text, actor_region varchar, ip text,
      request_id text, action text, entity_type text, entity_id text, region_code varchar, result audit_result,
      details jsonb, prev_hash text, hash text)`);
}

const AUDIT_COLUMNS =
  'seq, at, actor_id, actor_username, actor_role, actor_region, ip, request_id, action, entity_type, entity_id, region_code, result, details, prev_hash, hash';

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Walks the chain in order, in pages; names the first row whose seq, link or hash does not hold. */
export async function verifyAuditChain(db: Db, key: Buffer, pageSize = 5_000): Promise<ChainCheck> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize);
    if (page.length === 0) return { ok: true, checked, firstBrokenSeq: null, reason: null };
    for (const r of page) {
      const broken = (reason: string): ChainCheck => ({ ok: false, checked, firstBrokenSeq: r.seq, reason });
      if (r.seq !== expectedSeq) return { ...broken(`missing rows before seq ${r.seq}`), firstBrokenSeq: expectedSeq };
      if (r.prevHash !== prevHash) return broken('prev_hash does not link to the previous row');
      const { hash, ...rest } = r;
      if (chainHash(key, rest) !== hash) return broken('row content does not match its hash');
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    after = page[page.length - 1]!.seq;
  }
}
