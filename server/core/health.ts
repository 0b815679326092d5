import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { MIGRATIONS_DIR, rows, type Database } from '../db/client';

const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export async function healthRoutes(app: FastifyInstance, opts: { database: Database }) {
  const Status = z.object({ status: z.string(), database: z.string().optional(), migrations: z.string().optional() });
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    { config: { public: true }, schema: { hide: true, response: { 200: Status, 503: Status } } },
    async (_req, reply) => {
      try {
        const applied = await timeout(
          rows<{ n: number }>(opts.database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
          2_000,
        );
        const n = Number(applied[0]?.n ?? 0);
        const want = journal.entries.length;
        if (n < want) return reply.code(503).send({ status: 'not_ready', database: 'up', migrations: `${n}/${want}` });
        return { status: 'ready', database: 'up', migrations: `${n}/${want}` };
      } catch {
        return reply.code(503).send({ status: 'not_ready', database: 'down' });
      }
    },
  );
}
