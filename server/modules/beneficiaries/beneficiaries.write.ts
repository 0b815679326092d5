import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { BeneficiaryProgramme, HouseholdStatus, MemberRelation } from '../../../common/enums';
import { birthDateOf } from '../../../common/contracts/beneficiaries';
import type { Ctx } from '../../core/context';
import { encrypt } from '../../core/crypto';
import type { Db } from '../../db/client';
import { householdEvents, householdMembers, households } from '../../db/schema/beneficiaries';
import { idIndex, phoneIndex, townOf } from './beneficiaries.rules';

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
}

/** Which of these ID numbers are already in the registry (anywhere: a person is registered once). */
export async function registeredIdIndexes(db: Db, indexes: string[]): Promise<Set<string>> {
  if (indexes.length === 0) return new Set();
  const rows = await db
    .select({ ix: householdMembers.idNumberIndex })
    .from(householdMembers)
    .where(inArray(householdMembers.idNumberIndex, indexes));
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
