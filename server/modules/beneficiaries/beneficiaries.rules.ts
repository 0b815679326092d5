import {
  BENEFICIARY_PROGRAMME_LABELS,
  BENEFICIARY_PROGRAMMES,
  HOUSEHOLD_STATUSES,
  MEMBER_RELATION_LABELS,
  MEMBER_RELATIONS,
} from '../../../common/enums';
import type { BeneficiaryProgramme, HouseholdStatus, MemberRelation } from '../../../common/enums';
import { HouseholdFinances } from '../../../common/contracts/beneficiaries';
import { normalizeIdNumber } from '../../../common/id-card';
import { decrypt, encrypt, hmacHex, type Secrets } from '../../core/crypto';

/** Blind indexes: keyed HMACs, one namespace per kind so an ID number never matches a phone. */
export const idIndex = (s: Secrets, idNumber: string) =>
  hmacHex(s.blindIndexKey, normalizeIdNumber(idNumber));
export const phoneIndex = (s: Secrets, phone: string) => hmacHex(s.blindIndexKey, `phone:${phone}`);

/** Declared finances as stored: the validated object as JSON, AES-256-GCM encrypted. */
export const sealFinances = (s: Secrets, f: HouseholdFinances) => encrypt(s.encryptionKey, JSON.stringify(f));

/** The stored finances in clear (null when none were declared); only the audited reveal calls this. */
export const openFinances = (s: Secrets, enc: string | null): HouseholdFinances | null =>
  enc === null ? null : HouseholdFinances.parse(JSON.parse(decrypt(s.encryptionKey, enc)));

/** An address shown masked: its first six characters, then an ellipsis. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? `${chars.slice(0, 2).join('')}…` : `${chars.slice(0, 6).join('')}…`;
}

/** Whole years from a birth date (YYYY-MM-DD) to a day (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

const norm = (s: string) => s.replace(/[\s（）()]/g, '');

const PROGRAMME_ALIASES: Record<string, BeneficiaryProgramme> = {
  ...Object.fromEntries(BENEFICIARY_PROGRAMMES.map((p) => [p, p])),
  ...Object.fromEntries(
    Object.entries(BENEFICIARY_PROGRAMME_LABELS).map(([k, v]) => [norm(v), k as BeneficiaryProgramme]),
  ),
  城镇低保: 'urban_dibao',
  特困集中供养: 'tekun_centralised',
  特困分散供养: 'tekun_dispersed',
  集中供养特困: 'tekun_centralised',
  分散供养特困: 'tekun_dispersed',
};

/** A programme from its key or its Chinese label (城市低保, 特困（分散供养）...); null when unknown. */
export const parseProgramme = (text: string): BeneficiaryProgramme | null =>
  PROGRAMME_ALIASES[norm(text)] ?? null;

const RELATION_ALIASES: Record<string, MemberRelation> = {
  ...Object.fromEntries(MEMBER_RELATIONS.map((r) => [r, r])),
  ...Object.fromEntries(Object.entries(MEMBER_RELATION_LABELS).map(([k, v]) => [v, k as MemberRelation])),
  本人: 'head',
  妻: 'spouse',
  妻子: 'spouse',
  丈夫: 'spouse',
  夫: 'spouse',
  子: 'child',
  女: 'child',
  儿子: 'child',
  女儿: 'child',
  父亲: 'parent',
  母亲: 'parent',
};

/** A relation from its key or its Chinese label (户主, 配偶, 子女 ... and 本人, 妻子, 儿子 ...); null when unknown. */
export const parseRelation = (text: string): MemberRelation | null => RELATION_ALIASES[norm(text)] ?? null;

/** Which status changes are allowed from which status (enrolment steps have their own verbs). */
export const STATUS_FROM: Record<'suspended' | 'exited' | 'active', readonly HouseholdStatus[]> = {
  suspended: ['active'],
  exited: ['active', 'suspended'],
  active: ['suspended', 'exited'],
};

export const ALL_STATUSES = HOUSEHOLD_STATUSES;
