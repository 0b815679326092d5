import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { BeneficiaryProgramme, HouseholdStatus, MemberRelation } from '../../../common/enums';
import { birthDateOf, type HouseholdFinances } from '../../../common/contracts/beneficiaries';
import type { Ctx } from '../../core/context';
import { encrypt } from '../../core/crypto';
import { rows as rowsOf, type Db } from '../../db/client';
import { householdEvents, householdMembers, households } from '../../db/schema/beneficiaries';
import { townOf } from '../../../common/region-code';
import { idIndex, phoneIndex, sealFinances } from './beneficiaries.rules';

export interface NewMember {
  name: string;
  idNumber: string;
  phone?: string | undefined;
  relation: MemberRelation;
  disability: boolean;
}

export interface NewHousehold {
  regionCode: string;
  address: string;
  programme: BeneficiaryProgramme;
  members: NewMember[];
  /** Declared finances (the form and the API only; the .xlsx import has no finance columns). */
  finances?: HouseholdFinances | undefined;
}

/** Which of these ID numbers are already in the registry (anywhere: a person is registered once). */
export async function registeredIdIndexes(db: Db, indexes: string[]): Promise<Set<string>> {
  if (indexes.length === 0) return new Set();
  // One array parameter (`= any`), not one parameter per index: an import batch asks for thousands.
  const rows = await db
    .select({ ix: householdMembers.idNumberIndex })
    .from(householdMembers)
    .where(sql`${householdMembers.idNumberIndex} = any(${`{${indexes.join(',')}}`}::text[])`);
  return new Set(rows.map((r) => r.ix));
}

/** Postgres takes at most 65,535 parameters per statement; members have 12 columns. */
const CHUNK = 4_000;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Stores households with their members and first status event, encrypted and blind-indexed, in
 * multi-row inserts. Runs inside the caller's transaction (the caller writes the audit row).
 */
export async function insertHouseholds(
  tx: Ctx,
  list: NewHousehold[],
  status: HouseholdStatus,
  note: string | null,
): Promise<string[]> {
  const now = tx.now();
  const k = tx.secrets.encryptionKey;
  const actor = tx.actor!;
  const hh: Array<typeof households.$inferInsert> = [];
  const mm: Array<typeof householdMembers.$inferInsert> = [];
  const ev: Array<typeof householdEvents.$inferInsert> = [];
  for (const h of list) {
    const id = randomUUID();
    hh.push({
      id,
      regionCode: h.regionCode,
      townCode: townOf(h.regionCode),
      addressEnc: encrypt(k, h.address),
      financesEnc: h.finances ? sealFinances(tx.secrets, h.finances) : null,
      programme: h.programme,
      status,
      memberCount: h.members.length,
      livingAlone: h.members.length === 1,
      createdByName: actor.name,
      createdAt: now,
      updatedAt: now,
    });
    for (const m of h.members) {
      mm.push({
        id: randomUUID(),
        householdId: id,
        regionCode: h.regionCode,
        nameEnc: encrypt(k, m.name),
        idNumberEnc: encrypt(k, m.idNumber),
        idNumberIndex: idIndex(tx.secrets, m.idNumber),
        phoneEnc: m.phone ? encrypt(k, m.phone) : null,
        phoneIndex: m.phone ? phoneIndex(tx.secrets, m.phone) : null,
        relation: m.relation,
        birthDate: birthDateOf(m.idNumber),
        disability: m.disability,
        createdAt: now,
      });
    }
    ev.push({
      id: randomUUID(),
      householdId: id,
      status,
      note,
      byId: actor.userId,
      byName: actor.name,
      at: now,
    });
  }
  await insertChunks(hh, (c) => tx.db.insert(households).values(c));
  await insertChunks(mm, (c) => tx.db.insert(householdMembers).values(c));
  await insertChunks(ev, (c) => tx.db.insert(householdEvents).values(c));
  return hh.map((h) => h.id);
}

/** A household of an import batch whose members' ID-number blind indexes are already computed. */
export interface IndexedHousehold extends NewHousehold {
  indexes: string[];
}

/**
 * The import's bulk path: a whole batch of households, their members and first status events in ONE
 * statement whose data is one JSON parameter (jsonb_to_recordset), instead of per-value parameters
 * that the query builder and the driver would each handle row by row. Runs inside the caller's
 * transaction (the caller writes the audit row); returns the number of households stored. The sheet
 * has no finance columns, so imported households have no finances on record (`finances_enc` null).
 */
export async function insertHouseholdBatch(
  tx: Ctx,
  list: IndexedHousehold[],
  status: HouseholdStatus,
  note: string | null,
): Promise<number> {
  const k = tx.secrets.encryptionKey;
  const actor = tx.actor!;
  const data = list.map((h) => ({
    id: randomUUID(),
    r: h.regionCode,
    t: townOf(h.regionCode),
    a: encrypt(k, h.address),
    p: h.programme,
    m: h.members.map((m, i) => ({
      n: encrypt(k, m.name),
      i: encrypt(k, m.idNumber),
      x: h.indexes[i],
      p: m.phone ? encrypt(k, m.phone) : null,
      q: m.phone ? phoneIndex(tx.secrets, m.phone) : null,
      l: m.relation,
      b: birthDateOf(m.idNumber),
      d: m.disability,
    })),
  }));
  const now = tx.now().toISOString();
  const [res] = await rowsOf<{ n: number }>(
    tx.db,
    sql`with v as (
        select * from jsonb_to_recordset(${JSON.stringify(data)}::jsonb)
          as v(id uuid, r varchar, t varchar, a text, p beneficiary_programme, m jsonb)),
      h as (insert into beneficiary_households (id, region_code, town_code, address_enc, programme, status,
          member_count, living_alone, created_by_name, created_at, updated_at)
        select id, r, t, a, p, ${status}::household_status, jsonb_array_length(m), jsonb_array_length(m) = 1,
          ${actor.name}, ${now}::timestamptz, ${now}::timestamptz from v),
      mm as (insert into beneficiary_members (id, household_id, region_code, name_enc, id_number_enc,
          id_number_index, phone_enc, phone_index, relation, birth_date, disability, created_at)
        select gen_random_uuid(), v.id, v.r, x.n, x.i, x.x, x.p, x.q, x.l, x.b, x.d, ${now}::timestamptz
        from v, jsonb_to_recordset(v.m)
          as x(n text, i text, x text, p text, q text, l member_relation, b date, d boolean)),
      e as (insert into beneficiary_household_events (id, household_id, status, note, by_id, by_name, at)
        select gen_random_uuid(), id, ${status}::household_status, ${note}, ${actor.userId}::uuid, ${actor.name},
          ${now}::timestamptz from v)
      select count(*)::int as n from v`,
  );
  return res!.n;
}
