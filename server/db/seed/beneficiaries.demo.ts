import { and, asc, eq, like } from 'drizzle-orm';
import { idCheckChar } from '../../../common/id-card';
import type { MemberRelation } from '../../../common/enums';
import type { Ctx } from '../../core/context';
import {
  insertHouseholds,
  type NewHousehold,
  type NewMember,
} from '../../modules/beneficiaries/beneficiaries.write';
import { regions } from '../schema/regions';

/** A valid GB 11643 number: area code, birth date (YYYYMMDD), 3-digit sequence, check character. */
export function idNumberFor(area: string, birth: string, seq: number): string {
  const body = `${area}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

/** A small deterministic generator (so every demo database has the same people). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文',
];
const GIVEN = [
  ...'桂兰秀英玉珍淑芬建国志强永福德明文华国庆海燕红梅春花冬梅丽娟小军晓东家豪子涵雨轩浩然思远金凤凤英玉兰翠花长林长青宝山俊杰',
];

export function personName(rand: () => number): string {
  const pick = (a: string[]) => a[Math.floor(rand() * a.length)]!;
  return rand() < 0.3 ? pick(SURNAMES) + pick(GIVEN) : pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function birthOn(rand: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(rand() * (toYear - fromYear + 1));
  return `${year}${pad(1 + Math.floor(rand() * 12))}${pad(1 + Math.floor(rand() * 28))}`;
}

/** Household sizes of the demo: 30 living alone, 32 of two, 21 of three, 9 of four, 5 of five = 97 households, 218 people. */
export const MAIJI_SIZES = [
  ...Array<number>(30).fill(1),
  ...Array<number>(32).fill(2),
  ...Array<number>(21).fill(3),
  ...Array<number>(9).fill(4),
  ...Array<number>(5).fill(5),
];

/** The village of the demo village cadre (maiji_cadre): the first village of 社棠镇, with the most households. */
export const MAIJI_CADRE_VILLAGE_PREFIX = '620503100';

/** 麦积区's 低保 households: 97 households, 218 people, in 30 villages, valid ID numbers with area code 620503. */
export async function seedBeneficiaries(
  ctx: Ctx,
): Promise<{ households: number; persons: number; cadreVillage: string | null }> {
  const villages = await ctx.db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(and(eq(regions.level, 'village'), like(regions.code, '620503%')))
    .orderBy(asc(regions.code));
  if (villages.length === 0) return { households: 0, persons: 0, cadreVillage: null };
  const cadre = villages.find((v) => v.code.startsWith(MAIJI_CADRE_VILLAGE_PREFIX)) ?? villages[0]!;
  const chosen = [
    cadre,
    ...Array.from({ length: 29 }, (_, k) => villages[Math.floor(((k + 1) * villages.length) / 30)]!).filter(
      (v) => v.code !== cadre.code,
    ),
  ];
  const rand = lcg(620503);
  const used = new Set<string>();
  let seq = 1;
  const person = (relation: MemberRelation, from: number, to: number, phone: boolean): NewMember => {
    let id: string;
    do id = idNumberFor('620503', birthOn(rand, from, to), seq++);
    while (used.has(id));
    used.add(id);
    return {
      name: personName(rand),
      idNumber: id,
      relation,
      disability: rand() < 0.12,
      ...(phone
        ? {
            phone: `1${[3, 5, 7, 8, 9][Math.floor(rand() * 5)]}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
          }
        : {}),
    };
  };
  const list: NewHousehold[] = MAIJI_SIZES.map((size, i) => {
    // The cadre's village gets the first 8 households, the others are spread over the 29 villages.
    const village = i < 8 ? cadre : chosen[1 + (i % (chosen.length - 1))]!;
    const street = village.code.slice(6, 9) < '100';
    const old = size === 1 ? rand() < 0.6 : rand() < 0.25;
    const members: NewMember[] = [person('head', old ? 1930 : 1946, old ? 1945 : 1975, rand() < 0.9)];
    if (size >= 2) members.push(person('spouse', old ? 1932 : 1948, old ? 1946 : 1977, rand() < 0.5));
    for (let c = 2; c < size; c++)
      members.push(c === 4 ? person('parent', 1930, 1940, false) : person('child', 1985, 2016, rand() < 0.3));
    return {
      regionCode: village.code,
      address: `${village.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '')}${1 + Math.floor(rand() * 9)}组${1 + Math.floor(rand() * 60)}号`,
      programme: street ? 'urban_dibao' : 'rural_dibao',
      members,
    };
  });
  await insertHouseholds(ctx, list, 'active', '演示数据：在保低保户');
  return {
    households: list.length,
    persons: list.reduce((a, h) => a + h.members.length, 0),
    cadreVillage: cadre.code,
  };
}
