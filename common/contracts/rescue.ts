import {
  RESCUE_CATEGORIES,
  RESCUE_HELP_KINDS,
  RESCUE_PLACEMENT_KINDS,
  RESCUE_SEXES,
  RESCUE_SOURCES,
  RESCUE_STATUSES,
} from '../enums';
import { Page, PageSize, RegionCode, Timestamp, Uuid } from './common';
import { CallerPhone } from './hotline';
import { Day } from './institutions';
import { z } from './zod';

// ---- Patrols (街面巡查) ----

export const PatrolInput = z.strictObject({
  regionCode: RegionCode,
  patrolledAt: Timestamp,
  /** Who went: names or the team's name. */
  team: z.string().trim().min(2).max(200),
  /** Area or route covered. */
  area: z.string().trim().min(2).max(500),
  findings: z.string().trim().min(1).max(2000),
});
export type PatrolInput = z.infer<typeof PatrolInput>;

export const Patrol = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  patrolledAt: z.string(),
  team: z.string(),
  area: z.string(),
  findings: z.string(),
  personsFound: z.number().int(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type Patrol = z.infer<typeof Patrol>;
export const PatrolList = z.object({ items: z.array(Patrol), total: z.number().int() });
export const PatrolQuery = z.strictObject({ region: RegionCode.optional(), page: Page, pageSize: PageSize });
export type PatrolQuery = z.infer<typeof PatrolQuery>;

// ---- Persons found ----

export const RecordPersonInput = z
  .strictObject({
    regionCode: RegionCode,
    patrolId: Uuid.optional(),
    hotlineCallId: Uuid.optional(),
    source: z.enum(RESCUE_SOURCES),
    category: z.enum(RESCUE_CATEGORIES),
    /** Name if known. */
    name: z.string().trim().min(1).max(50).optional(),
    approxAge: z.number().int().min(0).max(120).optional(),
    /** Said to be under 18 (also derived from the age or the ID number). */
    minor: z.boolean().optional(),
    sex: z.enum(RESCUE_SEXES).default('unknown'),
    idNumber: z.string().trim().min(15).max(20).optional(),
    phone: CallerPhone.optional(),
    foundPlace: z.string().trim().min(2).max(200),
    foundAt: Timestamp.optional(),
    condition: z.string().trim().min(1).max(1000),
  })
  .refine((v) => !v.patrolId || v.source === 'patrol', {
    path: ['source'],
    message: '在巡查中发现的人员，来源须为街面巡查',
  })
  .refine((v) => !v.hotlineCallId || v.source === 'hotline', {
    path: ['source'],
    message: '关联热线来电时，来源须为热线求助',
  });
export type RecordPersonInput = z.infer<typeof RecordPersonInput>;

export const Help = z.object({
  id: z.string(),
  kind: z.enum(RESCUE_HELP_KINDS),
  amountFen: z.number().int().nullable(),
  note: z.string().nullable(),
  givenByName: z.string(),
  createdAt: z.string(),
});
export type Help = z.infer<typeof Help>;

export const Placement = z.object({
  id: z.string(),
  kind: z.enum(RESCUE_PLACEMENT_KINDS),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  /** The isolation record opened at the station for a minor's hospital screening. */
  isolationPersonId: z.string().nullable(),
  /** A minor's station placement waits for the screening until confirmed. */
  awaitingScreening: z.boolean(),
  note: z.string().nullable(),
  placedByName: z.string(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type Placement = z.infer<typeof Placement>;

/** An earlier rescue of the same person (same ID number or phone), in any region. No personal data. */
export const EarlierRescue = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  foundAt: z.string(),
  status: z.enum(RESCUE_STATUSES),
  /** The caller may open it (it is in their scope). */
  personId: z.string().nullable(),
});

export const RescuePerson = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  patrolId: z.string().nullable(),
  hotlineCallId: z.string().nullable(),
  source: z.enum(RESCUE_SOURCES),
  category: z.enum(RESCUE_CATEGORIES),
  nameMasked: z.string().nullable(),
  approxAge: z.number().int().nullable(),
  minor: z.boolean(),
  sex: z.enum(RESCUE_SEXES),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  foundPlace: z.string(),
  foundAt: z.string(),
  condition: z.string(),
  status: z.enum(RESCUE_STATUSES),
  closedReason: z.string().nullable(),
  helpKinds: z.array(z.enum(RESCUE_HELP_KINDS)),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type RescuePerson = z.infer<typeof RescuePerson>;

export const RescuePersonDetail = RescuePerson.extend({
  helps: z.array(Help),
  placements: z.array(Placement),
  earlier: z.array(EarlierRescue),
  /** 此人曾于…被救助 — set when an earlier rescue of the same ID number or phone exists. */
  warning: z.string().nullable(),
});
export type RescuePersonDetail = z.infer<typeof RescuePersonDetail>;

export const PatrolDetail = Patrol.extend({ persons: z.array(RescuePerson) });
export type PatrolDetail = z.infer<typeof PatrolDetail>;

export const PersonList = z.object({ items: z.array(RescuePerson), total: z.number().int() });
export const PersonQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum(RESCUE_STATUSES).optional(),
  category: z.enum(RESCUE_CATEGORIES).optional(),
  minor: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  patrolId: Uuid.optional(),
  page: Page,
  pageSize: PageSize,
});
export type PersonQuery = z.infer<typeof PersonQuery>;

// ---- Actions ----

export const HelpInput = z.strictObject({
  kind: z.enum(RESCUE_HELP_KINDS),
  /** In fen (分), optional: a ticket's price, cash handed over. */
  amountFen: z.number().int().min(0).max(10_000_000).optional(),
  note: z.string().trim().max(200).optional(),
});
export type HelpInput = z.infer<typeof HelpInput>;

export const PlaceInput = z
  .strictObject({
    kind: z.enum(RESCUE_PLACEMENT_KINDS),
    /** The rescue station (救助管理站) for `station`. */
    institutionId: Uuid.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.kind !== 'station' || v.institutionId, {
    path: ['institutionId'],
    message: '入站安置须选择救助管理站',
  })
  .refine((v) => v.kind === 'station' || !v.institutionId, {
    path: ['institutionId'],
    message: '只有入站安置需要选择机构',
  });
export type PlaceInput = z.infer<typeof PlaceInput>;

export const CloseInput = z.strictObject({ reason: z.string().trim().min(2).max(200) });
export const RevealInput = z.strictObject({
  reason: z.string().trim().min(5, '请说明查看原因（至少 5 个字）').max(200),
});
export const RevealedPerson = z.object({
  name: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
});
export type RevealedPerson = z.infer<typeof RevealedPerson>;

// ---- Statistics for the board ----

export const StatsQuery = z.strictObject({
  region: RegionCode.optional(),
  from: Day.optional(),
  to: Day.optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;
export const RescueFigures = z.object({
  found: z.number().int(),
  minors: z.number().int(),
  helped: z.number().int(),
  awaitingScreening: z.number().int(),
  placed: z.number().int(),
  returned: z.number().int(),
});
export type RescueFigures = z.infer<typeof RescueFigures>;
export const RescueStats = z.object({
  regionCode: RegionCode,
  total: RescueFigures,
  byCategory: z.record(z.string(), z.number().int()),
  byRegion: z.array(RescueFigures.extend({ regionCode: RegionCode, regionName: z.string() })),
});
export type RescueStats = z.infer<typeof RescueStats>;
