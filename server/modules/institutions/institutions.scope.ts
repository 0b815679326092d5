import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { InstitutionStatus } from '../../../common/enums';
import { inScope } from '../../core/access';
import type { Actor } from '../../core/context';
import { institutions, institutionStatusEvents } from '../../db/schema/institutions';

/** Institutions an actor may see: their region subtree, and for a reporter only their own institution. */
export function institutionScope(actor: Actor): SQL {
  const region = inScope(actor, institutions.regionCode);
  return actor.institutionId ? and(region, eq(institutions.id, actor.institutionId))! : region;
}

/** The outer row's id, qualified: drizzle renders a column of a single-table select unqualified. */
const OUTER_ID = sql.raw('"institutions"."id"');

/** SQL twin of statusOn(): the status of each institution row on a business day. */
export function statusOnSql(day: string): SQL<InstitutionStatus> {
  return sql<InstitutionStatus>`coalesce((select e.status from ${institutionStatusEvents} e
    where e.institution_id = ${OUTER_ID} and e.effective_from <= ${day}::date
    order by e.effective_from desc, e.seq desc limit 1), 'operating')`;
}

/** The day the current status took effect (null when never changed). */
export function statusSinceSql(day: string): SQL<string | null> {
  return sql<string | null>`(select e.effective_from::text from ${institutionStatusEvents} e
    where e.institution_id = ${OUTER_ID} and e.effective_from <= ${day}::date
    order by e.effective_from desc, e.seq desc limit 1)`;
}

/** The reason of the status event in force on a day (null when never changed): explains the roster. */
export function statusReasonSql(day: string): SQL<string | null> {
  return sql<string | null>`(select e.reason from ${institutionStatusEvents} e
    where e.institution_id = ${OUTER_ID} and e.effective_from <= ${day}::date
    order by e.effective_from desc, e.seq desc limit 1)`;
}
