import { randomUUID } from 'node:crypto';
import type { BeneficiaryProgramme, HouseholdStatus, MemberRelation } from '../../../common/enums';
import { encrypt, hmacHex, type Secrets } from '../../core/crypto';
import type { Db } from '../../db/client';
import { householdMembers, households } from '../../db/schema/beneficiaries';
import { regions } from '../../db/schema/regions';

/** Test fixtures: registry rows inserted directly, encrypted and blind-indexed the way the registry does it. */
export interface FixtureMember {
  name?: string;
  phone?: string | null;
  birthDate: string;
  disability?: boolean;
  relation?: MemberRelation;
}
export interface FixtureHousehold {
  id?: string;
  regionCode: string;
  programme?: BeneficiaryProgramme;
  status?: HouseholdStatus;
  livingAlone?: boolean;
  lastContactAt?: Date | null;
  members: FixtureMember[];
}

export const phoneIndexOf = (s: Secrets, phone: string) => hmacHex(s.blindIndexKey, `phone:${phone}`);

export async function insertHouseholds(db: Db, s: Secrets, list: FixtureHousehold[]): Promise<string[]> {
  const now = new Date();
  const k = s.encryptionKey;
  const ids: string[] = [];
  for (const f of list) {
    const id = f.id ?? randomUUID();
    ids.push(id);
    await db.insert(households).values({
      id,
      regionCode: f.regionCode,
      townCode: f.regionCode.slice(0, 9).padEnd(12, '0'),
      addressEnc: encrypt(k, `${f.regionCode} 某街 ${ids.length} 号`),
      programme: f.programme ?? 'urban_dibao',
      status: f.status ?? 'active',
      memberCount: f.members.length,
      livingAlone: f.livingAlone ?? false,
      lastContactAt: f.lastContactAt ?? null,
      createdByName: 'fixture',
      createdAt: now,
      updatedAt: now,
    });
    for (const [i, m] of f.members.entries()) {
      const phone = m.phone ?? null;
      await db.insert(householdMembers).values({
        id: randomUUID(),
        householdId: id,
        regionCode: f.regionCode,
        nameEnc: encrypt(k, m.name ?? `成员${i + 1}`),
        idNumberEnc: encrypt(k, `id-${id}-${i}`),
        idNumberIndex: hmacHex(s.blindIndexKey, `id-${id}-${i}`),
        phoneEnc: phone ? encrypt(k, phone) : null,
        phoneIndex: phone ? phoneIndexOf(s, phone) : null,
        relation: m.relation ?? (i === 0 ? 'head' : 'other'),
        birthDate: m.birthDate,
        disability: m.disability ?? false,
        createdAt: new Date(now.getTime() + i),
      });
    }
  }
  return ids;
}

/** Villages are not in the test region set (it stops at towns): add the few a test needs. */
export async function insertVillages(db: Db, villages: Array<{ code: string; name: string }>): Promise<void> {
  await db
    .insert(regions)
    .values(villages.map((v) => ({ code: v.code, name: v.name, level: 'village' as const, parentCode: v.code.slice(0, 9).padEnd(12, '0') })))
    .onConflictDoNothing();
}
