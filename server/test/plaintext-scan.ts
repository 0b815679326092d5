import { sql } from 'drizzle-orm';
import { validIdNumber } from '../../common/id-card';
import { rows, type Db } from '../db/client';

/** An 18-character token (17 digits and a digit or X) standing alone, GB 11643-valid. */
const ID_TOKEN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
/** A mainland mobile number standing alone (not inside a longer number, hash or ciphertext). */
const MOBILE_TOKEN = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

export interface Finding {
  where: string;
  kind: 'known' | 'id_number' | 'mobile';
  value: string;
}

/** Finds the known plaintext values, and any valid ID number or mobile number left unmasked. */
export function scanText(where: string, text: string, known: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const k of known) if (text.includes(k)) out.push({ where, kind: 'known', value: k });
  for (const m of text.matchAll(ID_TOKEN)) if (validIdNumber(m[0])) out.push({ where, kind: 'id_number', value: m[0] });
  for (const m of text.matchAll(MOBILE_TOKEN)) out.push({ where, kind: 'mobile', value: m[0] });
  return out;
}

/** Bytes as latin1 text, so a plaintext number inside a bytea column is still seen. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return Buffer.from((value as { data: number[] }).data).toString('latin1');
  }
  return value;
}

/** Every row of every table of the public schema as text: `select * from <table>`, one entry per table. */
export async function dumpTables(db: Db): Promise<Map<string, string>> {
  const tables = await rows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const all = await rows<Record<string, unknown>>(db, sql`select * from ${sql.identifier(name)}`);
    out.set(name, all.map((r) => JSON.stringify(r, replacer)).join('\n'));
  }
  return out;
}
