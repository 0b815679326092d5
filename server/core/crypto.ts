import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';

/** Keys derived from the one master secret (FANGXIAN_SECRET_KEY), one per purpose. */
export interface Secrets {
  auditKey: Buffer;
  encryptionKey: Buffer;
  blindIndexKey: Buffer;
}

export function deriveSecrets(master: string): Secrets {
  const ikm = Buffer.from(master, 'utf8');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', ikm, 'fangxian', info, 32));
  return {
    auditKey: derive('audit-chain'),
    encryptionKey: derive('field-encryption'),
    blindIndexKey: derive('blind-index'),
  };
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const VERSION = 'v1';

/** AES-256-GCM envelope `v1:iv:ciphertext:tag` (base64url parts). */
export function encrypt(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join(':');
}

export function decrypt(key: Buffer, envelope: string): string {
  const [version, iv, ct, tag] = envelope.split(':');
  if (version !== VERSION || !iv || ct === undefined || !tag) throw new Error('bad ciphertext envelope');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * A version 7 UUID (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random
 * (from randomUUID's cached entropy). Ids made later sort later, so a busy table's primary-key index
 * grows at its right edge instead of touching a random leaf page per insert.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
