import { count, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../common/enums';
import { ROLE_LABELS } from '../../../common/enums';
import { toRegionCode } from '../../../common/region-code';
import type { Ctx } from '../../core/context';
import { withTx } from '../../core/context';
import { users } from '../schema/users';
import { importRegions } from '../../modules/regions/regions.service';
import { createUser } from '../../modules/users/users.service';
import { recordAudit } from '../../core/audit';
import { institutions } from '../schema/institutions';
import { seedInstitutions } from './institutions.demo';
import { seedBeneficiaries } from './beneficiaries.demo';

/** Demo password of every demo account (demo data only; a real deployment creates its own users). */
export const DEMO_PASSWORD = 'Demo#2026fx';

/** Villages are loaded for the regions the seed documents talk about. */
export const SEED_VILLAGE_PREFIXES = ['5203', '620503', '430821', '430212', '500103', '500106'];

export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  regionCode: string;
  note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', name: '系统管理员', role: 'system_admin', regionCode: toRegionCode(''), note: '全国，管理账户' },
  { username: 'security', name: '安全管理员', role: 'security_admin', regionCode: toRegionCode(''), note: '全国，安全策略' },
  { username: 'auditor', name: '审计管理员', role: 'audit_admin', regionCode: toRegionCode(''), note: '全国，审计日志' },
  { username: 'gz_leader', name: '贵州省民政厅领导', role: 'leader', regionCode: toRegionCode('52'), note: '贵州省' },
  { username: 'zunyi_leader', name: '遵义市民政局领导', role: 'leader', regionCode: toRegionCode('5203'), note: '遵义市' },
  { username: 'zunyi_officer', name: '遵义市民政局干部', role: 'officer', regionCode: toRegionCode('5203'), note: '遵义市' },
  { username: 'hhg_officer', name: '红花岗区民政局干部', role: 'officer', regionCode: toRegionCode('520302'), note: '红花岗区' },
  { username: 'hhg_hotline', name: '红花岗区热线接线员', role: 'hotline_operator', regionCode: toRegionCode('520302'), note: '红花岗区' },
  { username: 'hhg_town', name: '老城街道干部', role: 'town_officer', regionCode: toRegionCode('520302001'), note: '红花岗区老城街道' },
  { username: 'hhg_zsl', name: '中山路街道干部', role: 'town_officer', regionCode: toRegionCode('520302007'), note: '红花岗区中山路街道（白杨小区所在街道）' },
  { username: 'hhg_cadre', name: '社区干部', role: 'village_cadre', regionCode: '520302001001', note: '老城街道一个社区' },
  { username: 'hhg_reporter', name: '机构填报员', role: 'reporter', regionCode: toRegionCode('520302001'), note: '红花岗区老城街道' },
  { username: 'fg_officer', name: '凤冈县民政局干部', role: 'officer', regionCode: toRegionCode('520327'), note: '凤冈县' },
  { username: 'zunyi_inspector', name: '遵义市督查员', role: 'inspector', regionCode: toRegionCode('5203'), note: '遵义市' },
  { username: 'zunyi_charity', name: '遵义市慈善总会', role: 'charity_officer', regionCode: toRegionCode('5203'), note: '遵义市' },
  { username: 'maiji_officer', name: '麦积区民政局干部', role: 'officer', regionCode: toRegionCode('620503'), note: '天水市麦积区' },
  { username: 'maiji_town', name: '社棠镇干部', role: 'town_officer', regionCode: toRegionCode('620503100'), note: '麦积区社棠镇' },
  { username: 'maiji_cadre', name: '星火社区干部', role: 'village_cadre', regionCode: '620503100001', note: '社棠镇星火社区（有低保户）' },
];

export async function isSeeded(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) > 0;
}

/** Seeds an empty database: the regions (country to towns, villages of the seed regions) and demo accounts. */
export async function seedDemo(ctx: Ctx, log: (line: string) => void = console.log): Promise<void> {
  const counts = await importRegions(ctx, { villagePrefixes: SEED_VILLAGE_PREFIXES });
  log(`行政区划: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  await withTx(ctx, async (tx) => {
    for (const a of DEMO_ACCOUNTS) {
      const created = await createUser(tx, { username: a.username, name: a.name, role: a.role, regionCode: a.regionCode, password: DEMO_PASSWORD });
      // Demo accounts are ready to use; accounts created by an admin later must change their password.
      await tx.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, created.id));
    }
    // Business data is entered as a national bureau officer would (the system admin manages accounts only).
    const count = await seedInstitutions({ ...tx, actor: { ...tx.actor!, username: 'demo-seed', role: 'officer', name: '演示数据' } });
    log(`演示机构 (demo institutions): ${count}`);
    const registry = await seedBeneficiaries({ ...tx, actor: { ...tx.actor!, username: 'demo-seed', role: 'officer', name: '演示数据' } });
    log(`麦积区低保户 (demo beneficiaries): ${registry.households} 户 ${registry.persons} 人`);
    // The demo reporter reports for the first institution of 老城街道 in 红花岗区.
    const [home] = await tx.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.regionCode, '520302001000')).limit(1);
    if (home) await tx.db.update(users).set({ institutionId: home.id }).where(eq(users.username, 'hhg_reporter'));
    await recordAudit(tx, { action: 'demo.seed', details: { accounts: DEMO_ACCOUNTS.map((a) => a.username), institutions: count, beneficiaries: registry.households } });
  });
}

export async function existingDemoAccounts(ctx: Ctx): Promise<DemoAccount[]> {
  const rows = await ctx.db.select({ username: users.username }).from(users).where(inArray(users.username, DEMO_ACCOUNTS.map((a) => a.username)));
  const have = new Set(rows.map((r) => r.username));
  return DEMO_ACCOUNTS.filter((a) => have.has(a.username));
}

export function formatAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map((a) => `  ${a.username.padEnd(16)} ${ROLE_LABELS[a.role].padEnd(8, '　')} ${a.note}`);
  return `演示账户 (demo accounts), 密码 (password) ${DEMO_PASSWORD}:\n${lines.join('\n')}`;
}
