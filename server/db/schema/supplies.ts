import { boolean, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Stock on hand per institution and category. */
export const supplyStocks = pgTable(
  'supply_stocks',
  {
    institutionId: uuid('institution_id').notNull(),
    category: text('category').notNull(),
    quantity: numeric('quantity', { precision: 14, scale: 2 }).notNull(),
    unit: text('unit'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.category] })],
);

/** Every change of stock: receipts, consumption (from daily reports), adjustments. */
export const supplyMovements = pgTable(
  'supply_movements',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull(),
    category: text('category').notNull(),
    delta: numeric('delta', { precision: 14, scale: 2 }).notNull(),
    kind: text('kind').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    sourceId: uuid('source_id'),
    note: text('note'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supply_movements_inst_idx').on(t.institutionId, t.category, t.day)],
);

/** Reserve norm: days of cover an institution type must hold for a category. */
export const supplyNorms = pgTable(
  'supply_norms',
  {
    institutionType: text('institution_type').notNull(),
    category: text('category').notNull(),
    days: integer('days').notNull(),
    /** Only where centrally supported 特困 persons live. */
    onlyTekun: boolean('only_tekun').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionType, t.category] })],
);
