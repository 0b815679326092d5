import { REGION_LEVELS } from '../../../common/enums';
import { index, pgEnum, pgTable, text, varchar } from 'drizzle-orm/pg-core';

export const regionLevel = pgEnum('region_level', REGION_LEVELS);

export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    level: regionLevel('level').notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_name_idx').on(t.name)],
);
