import { asc, eq, like } from 'drizzle-orm';
import type { CreateInstitutionInput } from '../../../common/contracts/institutions';
import type { InstitutionType } from '../../../common/enums';
import type { Ctx } from '../../core/context';
import { createInstitution } from '../../modules/institutions/institutions.service';
import { regions } from '../schema/regions';

interface CountyPlan {
  county: string;
  areaCode: string;
  /** Residential institutions (closed by default when a response starts). */
  residential: number;
  mentalHealth?: boolean;
  extra: InstitutionType[];
}

/**
 * The seed regions. In Zunyi the six counties hit in August 2022 (here 红花岗, 汇川, 播州, 仁怀, 桐梓,
 * 湄潭) hold 109 residential institutions, so starting their responses replays "6 counties, 109
 * institutions under closed management". 红花岗区 has 12 institutions in all.
 */
export const DEMO_PLANS: CountyPlan[] = [
  { county: '520302', areaCode: '0851', residential: 8, extra: ['marriage_registry', 'funeral', 'day_care', 'elderly_service_center'] },
  { county: '520303', areaCode: '0851', residential: 14, extra: ['marriage_registry', 'funeral', 'day_care', 'elderly_service_center'] },
  { county: '520304', areaCode: '0851', residential: 30, mentalHealth: true, extra: ['marriage_registry', 'funeral', 'day_care', 'day_care'] },
  { county: '520382', areaCode: '0851', residential: 22, mentalHealth: true, extra: ['marriage_registry', 'funeral', 'day_care'] },
  { county: '520322', areaCode: '0851', residential: 20, extra: ['marriage_registry', 'funeral', 'day_care'] },
  { county: '520328', areaCode: '0851', residential: 15, extra: ['marriage_registry', 'funeral', 'lottery_outlet'] },
  { county: '520327', areaCode: '0851', residential: 9, extra: ['marriage_registry', 'funeral'] },
  { county: '520330', areaCode: '0851', residential: 8, extra: ['marriage_registry', 'day_care'] },
  { county: '520381', areaCode: '0851', residential: 8, extra: ['marriage_registry', 'funeral'] },
  { county: '620503', areaCode: '0938', residential: 16, mentalHealth: true, extra: ['marriage_registry', 'funeral', 'day_care', 'elderly_service_center'] },
  { county: '430821', areaCode: '0744', residential: 8, extra: ['marriage_registry', 'day_care'] },
  { county: '430212', areaCode: '0731', residential: 6, extra: ['marriage_registry', 'elderly_service_center'] },
  { county: '500103', areaCode: '023', residential: 6, extra: ['marriage_registry', 'elderly_service_center', 'day_care'] },
  { county: '500106', areaCode: '023', residential: 7, extra: ['marriage_registry', 'funeral', 'elderly_service_center'] },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢';
const GIVEN = ['建国', '红梅', '志强', '秀英', '国华', '丽娟', '德明', '春燕', '永福', '海燕', '文军', '桂兰', '明亮', '晓东', '玉珍', '光荣'];

/** A small deterministic generator: the demo is the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s % n;
  };
}

function nameFor(type: InstitutionType, county: string, town: string, nth: number): string {
  const suffix = nth > 1 ? `第${'一二三四五六七八九十'[nth - 1] ?? nth}` : '';
  const street = town.endsWith('街道');
  switch (type) {
    case 'elderly_care':
      return street ? `${town}${suffix}养老院` : `${town}${suffix}敬老院`;
    case 'child_welfare':
      return `${county}儿童福利院`;
    case 'minor_protection':
      return `${county}未成年人救助保护中心`;
    case 'rescue_station':
      return `${county}救助管理站`;
    case 'mental_health':
      return `${county}民政精神康复福利院`;
    case 'funeral':
      return `${county}殡仪馆`;
    case 'marriage_registry':
      return `${county}婚姻登记处`;
    case 'day_care':
      return `${town}${suffix}日间照料中心`;
    case 'elderly_service_center':
      return `${town}城市养老服务中心`;
    case 'lottery_outlet':
      return `${town}福彩销售站`;
  }
}

export function planTypes(plan: CountyPlan): InstitutionType[] {
  const fixed: InstitutionType[] = ['child_welfare', 'rescue_station', 'minor_protection'];
  if (plan.mentalHealth) fixed.push('mental_health');
  const homes = Array.from({ length: plan.residential - fixed.length }, (): InstitutionType => 'elderly_care');
  return [...homes, ...fixed, ...plan.extra];
}

/** Realistic institutions for the seed regions, registered on 2020-01-01. Returns how many were created. */
export async function seedInstitutions(ctx: Ctx): Promise<number> {
  let created = 0;
  for (const plan of DEMO_PLANS) {
    const [county] = await ctx.db.select().from(regions).where(eq(regions.code, plan.county.padEnd(12, '0')));
    if (!county) continue;
    const towns = await ctx.db
      .select()
      .from(regions)
      .where(like(regions.code, `${plan.county}%`))
      .orderBy(asc(regions.code))
      .then((rows) => rows.filter((r) => r.level === 'town'));
    if (towns.length === 0) continue;
    const next = rng(Number(plan.county));
    const perTown = new Map<string, number>();
    const types = planTypes(plan);
    for (const [i, type] of types.entries()) {
      // County-wide institutions sit in the first town (the seat); homes spread over the towns.
      const town = type === 'elderly_care' || type === 'day_care' || type === 'lottery_outlet' ? towns[i % towns.length]! : towns[0]!;
      const key = `${town.code}|${type}`;
      const nth = (perTown.get(key) ?? 0) + 1;
      perTown.set(key, nth);
      const residential = ['elderly_care', 'child_welfare', 'minor_protection', 'rescue_station', 'mental_health'].includes(type);
      const beds = residential ? 20 + next(180) : 0;
      const residents = residential ? Math.round(beds * (0.5 + next(40) / 100)) : 0;
      const person = `${SURNAMES[next(SURNAMES.length)]}${GIVEN[next(GIVEN.length)]}`;
      const input: CreateInstitutionInput = {
        name: nameFor(type, county.name, town.name, nth),
        type,
        regionCode: town.code,
        address: `${county.name}${town.name}${['中心路', '人民路', '新华路', '团结路', '建设路'][next(5)]}${1 + next(200)}号`,
        beds,
        residents,
        housesTekun: type === 'elderly_care' && !town.name.endsWith('街道'),
        staff: residential ? Math.max(3, Math.round(residents / 4)) : 2 + next(8),
        responsiblePerson: person,
        responsiblePhone: `1${[39, 38, 37, 58, 89][next(5)]}${String(10_000_000 + next(89_999_999)).slice(0, 8)}`,
        dutyPhone: `${plan.areaCode}-${plan.areaCode === '023' ? 6 : 2}${String(1_000_000 + next(8_999_999)).slice(0, 7)}`,
      };
      await createInstitution(ctx, input, { registeredOn: '2020-01-01' });
      created++;
    }
  }
  return created;
}
