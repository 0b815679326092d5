import { MEMBER_RELATIONS } from '../enums';
import { Page, PageSize, RegionCode, Uuid } from './common';
import { CallerPhone } from './hotline';
import { Day } from './institutions';
import { z } from './zod';

export const ASSISTANCE_REASONS = ['epidemic', 'illness', 'accident', 'disaster', 'other'] as const;
export const ASSISTANCE_REASON_LABELS: Record<(typeof ASSISTANCE_REASONS)[number], string> = {
  epidemic: '受疫情影响',
  illness: '突发重病',
  accident: '意外事故',
  disaster: '自然灾害',
  other: '其他',
};

/** Money is integer fen (¥1 = 100 fen), at most ¥1,000,000 per movement. */
export const Fen = z.number('须为数字').int('金额须以分为单位的整数').min(1, '金额须大于 0').max(100_000_000, '金额过大');

export const AllocateInput = z.strictObject({ townCode: RegionCode, amountFen: Fen, note: z.string().trim().max(200).optional() });
export type AllocateInput = z.infer<typeof AllocateInput>;

export const Fund = z.object({ townCode: RegionCode, townName: z.string(), balanceFen: z.number().int(), updatedAt: z.string() });
export const FundList = z.object({ items: z.array(Fund) });
export const FundMovement = z.object({
  id: z.string(),
  kind: z.string(),
  amountFen: z.number().int(),
  balanceAfterFen: z.number().int(),
  grantId: z.string().nullable(),
  note: z.string().nullable(),
  byName: z.string(),
  createdAt: z.string(),
});
export const FundLedger = z.object({ fund: Fund, movements: z.array(FundMovement) });
export const FundQuery = z.strictObject({ region: RegionCode.optional() });
export const TownParams = z.strictObject({ townCode: RegionCode });

/** A county's approval threshold: grants above it wait for a second person (default ¥2,000). */
export const DEFAULT_APPROVAL_THRESHOLD_FEN = 200_000;
export const ThresholdInput = z.strictObject({
  countyCode: RegionCode,
  thresholdFen: z.number('须为数字').int('金额须以分为单位的整数').min(0, '金额不能为负').max(100_000_000, '金额过大'),
});
export type ThresholdInput = z.infer<typeof ThresholdInput>;
export const Threshold = z.object({
  countyCode: RegionCode,
  countyName: z.string(),
  thresholdFen: z.number().int(),
  /** True when the county has set none and the default applies. */
  isDefault: z.boolean(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type Threshold = z.infer<typeof Threshold>;
export const CountyParams = z.strictObject({ countyCode: RegionCode });

export const GrantInput = z.strictObject({
  regionCode: RegionCode,
  callId: Uuid.optional(),
  /** The recipient's household in the beneficiary registry, when registered. */
  householdId: Uuid.optional(),
  recipientName: z.string().trim().min(1).max(50),
  recipientPhone: CallerPhone,
  recipientIdNumber: z.string().trim().optional(),
  householdSize: z.number().int().min(1).max(30),
  reason: z.enum(ASSISTANCE_REASONS),
  amountFen: Fen,
  /** Assist first, paperwork later: paid at once, documents due by paperworkDueOn. */
  provisional: z.boolean().default(true),
  paperworkDueOn: Day.optional(),
});
export type GrantInput = z.infer<typeof GrantInput>;

export const Grant = z.object({
  id: z.string(),
  regionCode: RegionCode,
  townCode: RegionCode,
  callId: z.string().nullable(),
  householdId: z.string().nullable(),
  recipientName: z.string(),
  recipientPhone: z.string(),
  recipientIdNumber: z.string().nullable(),
  householdSize: z.number().int(),
  reason: z.enum(ASSISTANCE_REASONS),
  amountFen: z.number().int(),
  provisional: z.boolean(),
  status: z.enum(['pending_approval', 'paid', 'rejected']),
  createdByName: z.string(),
  approvedByName: z.string().nullable(),
  paidAt: z.string().nullable(),
  paperworkDueOn: z.string().nullable(),
  paperworkStatus: z.enum(['open', 'completed', 'written_off']).nullable(),
  /** Other grants to the same ID number or phone, in any county: a warning, not a refusal. */
  duplicates: z.array(z.object({ grantId: z.string(), regionCode: RegionCode, amountFen: z.number().int(), createdAt: z.string() })),
  createdAt: z.string(),
});
export type Grant = z.infer<typeof Grant>;

/** One grant with the members of its registered household (masked names); `household` null when none. */
export const GrantDetail = Grant.extend({
  household: z
    .object({
      id: z.string(),
      memberCount: z.number().int(),
      members: z.array(z.object({ name: z.string(), relation: z.enum(MEMBER_RELATIONS) })),
    })
    .nullable(),
});
export type GrantDetail = z.infer<typeof GrantDetail>;

export const GrantList = z.object({ items: z.array(Grant), total: z.number().int() });
export const GrantQuery = z.strictObject({
  region: RegionCode.optional(),
  paperwork: z.enum(['open', 'completed', 'written_off']).optional(),
  /** The grants of one hotline case. */
  callId: Uuid.optional(),
  page: Page,
  pageSize: PageSize,
});
export type GrantQuery = z.infer<typeof GrantQuery>;

export const PaperworkInput = z.strictObject({
  status: z.enum(['completed', 'written_off']),
  note: z.string().trim().min(2).max(500),
});
export type PaperworkInput = z.infer<typeof PaperworkInput>;

export const VerifyCallInput = z.strictObject({
  visitors: z.string().trim().min(1).max(100),
  visitedAt: z.iso.datetime({ offset: true }).optional(),
  findings: z.string().trim().min(2).max(4000),
});
export type VerifyCallInput = z.infer<typeof VerifyCallInput>;

export const RevealedRecipient = z.object({ recipientName: z.string(), recipientPhone: z.string(), recipientIdNumber: z.string().nullable() });
