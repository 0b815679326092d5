// Property: the user list of a viewer holds exactly the users of the viewer's region and of the regions
// below it (0 leaked, 0 missing), for random users spread over the real regions of Guizhou and Gansu and
// a random viewer (officer or leader) at any level; a region filter inside the scope narrows it exactly,
// and one outside the scope answers 404. Most runs call the service verb; a few go through HTTP.
import type { FastifyInstance } from 'fastify';
import { inArray, like } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User, UserList, UserQuery } from '../../../common/contracts/users';
import type { Role } from '../../../common/enums';
import { COUNTRY_CODE, isWithin, scopePrefix } from '../../../common/region-code';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { sessions } from '../../db/schema/auth';
import { users } from '../../db/schema/users';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp } from '../../test/http';
import { regionsDownToTowns } from '../regions/regions.source';
import { listUsers } from './users.service';

const ALL = regionsDownToTowns(['52', '62']);
const PARENT = new Map(ALL.map((r) => [r.code, r.parentCode]));
const BY_LEVEL = {
  country: [COUNTRY_CODE],
  province: ALL.filter((r) => r.level === 'province').map((r) => r.code),
  city: ALL.filter((r) => r.level === 'city').map((r) => r.code),
  county: ALL.filter((r) => r.level === 'county').map((r) => r.code),
  town: ALL.filter((r) => r.level === 'town').map((r) => r.code),
};
const USER_REGIONS = [...BY_LEVEL.province, ...BY_LEVEL.city, ...BY_LEVEL.county, ...BY_LEVEL.town];
const VIEWER_ROLES: Role[] = ['officer', 'leader'];
const USER_ROLES: Role[] = ['officer', 'leader', 'town_officer', 'village_cadre', 'reporter', 'inspector'];

/** Second oracle, independent of code prefixes: the viewer's region is the user's region or one of its ancestors in the tree. */
function inTree(userRegion: string, viewerRegion: string): boolean {
  for (let c: string | null | undefined = userRegion; c; c = PARENT.get(c)) if (c === viewerRegion) return true;
  return false;
}

interface Person {
  id: string;
  username: string;
  regionCode: string;
}

let database: Database;
let app: FastifyInstance;
const background: Person[] = [];
let runNo = 0;

/** Users of one run: a region near the viewer (inside, a sibling, an ancestor) or anywhere. */
function peopleNear(viewerRegion: string): fc.Arbitrary<Array<{ regionCode: string; role: Role }>> {
  const prefix = scopePrefix(viewerRegion);
  const inside = USER_REGIONS.filter((c) => c.startsWith(prefix));
  const parent = PARENT.get(viewerRegion) ?? COUNTRY_CODE;
  const near = USER_REGIONS.filter((c) => c.startsWith(scopePrefix(parent)) && !c.startsWith(prefix));
  const ancestors: string[] = [];
  for (let c = PARENT.get(viewerRegion); c; c = PARENT.get(c)) ancestors.push(c);
  const region = fc.oneof(
    { weight: 4, arbitrary: inside.length ? fc.constantFrom(...inside) : fc.constant(viewerRegion) },
    { weight: 3, arbitrary: near.length ? fc.constantFrom(...near) : fc.constantFrom(...USER_REGIONS) },
    { weight: 1, arbitrary: ancestors.length ? fc.constantFrom(...ancestors) : fc.constant(COUNTRY_CODE) },
    { weight: 2, arbitrary: fc.constantFrom(...USER_REGIONS, COUNTRY_CODE) },
  );
  return fc.array(fc.record({ regionCode: region, role: fc.constantFrom(...USER_ROLES) }), { maxLength: 25 });
}

const viewerArb = fc.record({
  level: fc.constantFrom('country', 'province', 'city', 'county', 'town') as fc.Arbitrary<keyof typeof BY_LEVEL>,
  role: fc.constantFrom(...VIEWER_ROLES),
  pick: fc.nat(),
});

const scenario = viewerArb.chain((v) => {
  const candidates = BY_LEVEL[v.level];
  const regionCode = candidates[v.pick % candidates.length]!;
  const prefix = scopePrefix(regionCode);
  // A filter region: inside the scope (the viewer's own region or below) or outside it (sibling, parent, other province).
  const inside = USER_REGIONS.filter((c) => c.startsWith(prefix));
  const outside = [...USER_REGIONS, COUNTRY_CODE].filter((c) => !c.startsWith(prefix));
  const filter = fc.oneof(
    inside.length ? fc.constantFrom(regionCode, ...inside) : fc.constant(regionCode),
    outside.length ? fc.constantFrom(...outside) : fc.constant(regionCode),
  );
  return fc.record({
    viewer: fc.constant({ role: v.role, regionCode }),
    people: peopleNear(regionCode),
    filter,
    pageSize: fc.constantFrom(200, 200, 200, 37),
  });
});

async function addPeople(prefix: string, people: Array<{ regionCode: string; role: Role }>): Promise<Person[]> {
  const out: Person[] = [];
  for (const [i, p] of people.entries()) {
    const u = await makeUser(database, { username: `${prefix}${i}`, role: p.role, regionCode: p.regionCode });
    out.push({ id: u.id, username: u.username, regionCode: u.regionCode });
  }
  return out;
}

async function removePeople(prefix: string): Promise<void> {
  const ids = (await database.db.select({ id: users.id }).from(users).where(like(users.username, `${prefix}%`))).map((r) => r.id);
  if (ids.length === 0) return;
  await database.db.delete(sessions).where(inArray(sessions.userId, ids));
  await database.db.delete(users).where(inArray(users.id, ids));
}

/** Every page of a list, checking that the pages agree on the total and never repeat a user. */
async function collect(page: (n: number) => Promise<UserList>): Promise<User[]> {
  const out: User[] = [];
  let total = -1;
  for (let n = 1; ; n++) {
    const body = await page(n);
    if (total === -1) total = body.total;
    expect(body.total).toBe(total);
    out.push(...body.items);
    if (body.items.length === 0 || out.length >= total) break;
  }
  expect(out.length).toBe(total);
  expect(new Set(out.map((u) => u.id)).size).toBe(out.length);
  return out;
}

function expectExactly(listed: User[], expected: Person[], label: string): void {
  const got = new Set(listed.map((u) => u.id));
  const want = new Set(expected.map((p) => p.id));
  const leaked = listed.filter((u) => !want.has(u.id)).map((u) => `${u.username}@${u.regionCode}`);
  const missing = expected.filter((p) => !got.has(p.id)).map((p) => `${p.username}@${p.regionCode}`);
  expect({ leaked, missing }, label).toEqual({ leaked: [], missing: [] });
}

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  app = await testApp(database);
  // A fixed population of 260 users over every level, so that leaks have something to leak and the
  // national and provincial lists span more than one page of 200.
  const rng = fc.sample(fc.tuple(fc.constantFrom(...USER_REGIONS, COUNTRY_CODE), fc.constantFrom(...USER_ROLES)), { numRuns: 260, seed: 52_62 });
  background.push(...(await addPeople('bg-', rng.map(([regionCode, role]) => ({ regionCode, role })))));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('user list scope (service verb)', () => {
  it('the two oracles agree on the loaded regions', () => {
    for (const viewer of [COUNTRY_CODE, '520000000000', '520300000000', '520302000000', BY_LEVEL.town[0]!, '620201000000']) {
      for (const code of fc.sample(fc.constantFrom(...USER_REGIONS), { numRuns: 300, seed: 7 })) {
        expect(isWithin(code, viewer), `${code} in ${viewer}`).toBe(inTree(code, viewer));
      }
    }
  });

  it('listUsers returns exactly the users under the viewer scope; a region filter narrows exactly or answers 404', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ viewer, people, filter, pageSize }) => {
        const prefix = `r${++runNo}-`;
        try {
          const mine = await addPeople(prefix, people);
          const everyone = [...background, ...mine];
          const ctx = ctxFor(database, { id: '11111111-1111-4111-8111-111111111111', username: 'viewer', role: viewer.role, regionCode: viewer.regionCode });
          const scope = scopePrefix(viewer.regionCode);
          const query = (extra: Partial<UserQuery>) => (page: number) => listUsers(ctx, { page, pageSize, ...extra });

          const expected = everyone.filter((p) => p.regionCode.startsWith(scope));
          expect(expected.map((p) => p.id).sort()).toEqual(everyone.filter((p) => inTree(p.regionCode, viewer.regionCode)).map((p) => p.id).sort());
          expectExactly(await collect(query({})), expected, `${viewer.role}@${viewer.regionCode}`);

          if (isWithin(filter, viewer.regionCode)) {
            const narrowed = everyone.filter((p) => p.regionCode.startsWith(scopePrefix(filter)));
            expectExactly(await collect(query({ region: filter })), narrowed, `${viewer.role}@${viewer.regionCode} region=${filter}`);
          } else {
            const err = await listUsers(ctx, { page: 1, pageSize, region: filter }).then(
              () => null,
              (e: unknown) => e,
            );
            expect(err, `region=${filter} outside ${viewer.regionCode}`).toBeInstanceOf(AppError);
            expect(err).toMatchObject({ status: 404, code: 'REGION_NOT_FOUND' });
          }
        } finally {
          await removePeople(prefix);
        }
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});

describe('user list scope (HTTP)', () => {
  it('GET /api/users returns exactly the users under the signed-in viewer; ?region= narrows or answers 404', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ viewer, people, filter, pageSize }) => {
        const prefix = `h${++runNo}-`;
        try {
          const mine = await addPeople(prefix, people);
          const me = await makeUser(database, { username: `${prefix}viewer`, role: viewer.role, regionCode: viewer.regionCode });
          const session = await login(app, me.username);
          const everyone = [...background, ...mine, { id: me.id, username: me.username, regionCode: me.regionCode }];
          const get = (extra: string) => async (page: number) => {
            const res = await call(app, session, 'GET', `/api/users?page=${page}&pageSize=${pageSize}${extra}`);
            expect(res.statusCode, res.body).toBe(200);
            return res.json<UserList>();
          };
          const scope = scopePrefix(viewer.regionCode);
          expectExactly(await collect(get('')), everyone.filter((p) => p.regionCode.startsWith(scope)), `${viewer.role}@${viewer.regionCode}`);
          if (isWithin(filter, viewer.regionCode)) {
            const narrowed = everyone.filter((p) => p.regionCode.startsWith(scopePrefix(filter)));
            expectExactly(await collect(get(`&region=${filter}`)), narrowed, `region=${filter}`);
          } else {
            const res = await call(app, session, 'GET', `/api/users?region=${filter}`);
            expect(res.statusCode, `region=${filter} outside ${viewer.regionCode}`).toBe(404);
            expect(res.json<{ code: string }>().code).toBe('REGION_NOT_FOUND');
          }
        } finally {
          await removePeople(prefix);
        }
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('cleans up after itself: only the fixed population is left', async () => {
    const left = await database.db.select({ id: users.id }).from(users);
    expect(left.length).toBe(background.length);
  });
});
