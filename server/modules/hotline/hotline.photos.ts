import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { CallPhoto } from '../../../common/contracts/hotline';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { homeVerificationPhotos } from '../../db/schema/hotline';
import { callInScope } from './hotline.service';

/** Photos of a home verification: jpg or png (by content), at most 10 MB each, at most 20 per case. */
export const PHOTO_KINDS = ['jpg', 'png'] as const;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_CALL = 20;

/** AES-256-GCM over the bytes: iv (12) | tag (16) | ciphertext, with the field-encryption key. */
export function sealBytes(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function openBytes(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/** Adds a photo to a case's home verification; the bytes are encrypted in the row. */
export async function uploadPhoto(ctx: Ctx, callId: string, file: { buffer: Buffer; kind: (typeof PHOTO_KINDS)[number] }): Promise<CallPhoto> {
  const actor = requirePermission(ctx, 'hotline:handle');
  const { c } = await callInScope(ctx, actor, callId);
  return withTx(ctx, async (tx) => {
    const [have] = await tx.db.select({ n: count() }).from(homeVerificationPhotos).where(eq(homeVerificationPhotos.callId, callId));
    if (Number(have?.n ?? 0) >= PHOTOS_PER_CALL) throw new AppError(409, 'PHOTO_LIMIT');
    const id = randomUUID();
    const now = tx.now();
    await tx.db.insert(homeVerificationPhotos).values({
      id,
      callId,
      kind: file.kind,
      size: file.buffer.length,
      contentEnc: sealBytes(tx.secrets.encryptionKey, file.buffer),
      uploadedById: actor.userId,
      uploadedByName: actor.name,
      createdAt: now,
    });
    await recordAudit(tx, { action: 'hotline.photo.upload', entityType: 'hotline_call', entityId: callId, regionCode: c.regionCode, details: { photoId: id, kind: file.kind, size: file.buffer.length } });
    return { id, kind: file.kind, size: file.buffer.length, uploadedByName: actor.name, createdAt: now.toISOString() };
  });
}

export async function listPhotos(ctx: Ctx, callId: string): Promise<CallPhoto[]> {
  const actor = requirePermission(ctx, 'hotline:read');
  await callInScope(ctx, actor, callId);
  const rows = await ctx.db
    .select({ id: homeVerificationPhotos.id, kind: homeVerificationPhotos.kind, size: homeVerificationPhotos.size, uploadedByName: homeVerificationPhotos.uploadedByName, createdAt: homeVerificationPhotos.createdAt })
    .from(homeVerificationPhotos)
    .where(eq(homeVerificationPhotos.callId, callId))
    .orderBy(asc(homeVerificationPhotos.createdAt));
  return rows.map((r) => ({ ...r, kind: r.kind as CallPhoto['kind'], createdAt: r.createdAt.toISOString() }));
}

/** The decrypted image, for those who see the case; every view is audited (the photos show homes). */
export async function photoContent(ctx: Ctx, callId: string, photoId: string): Promise<{ kind: CallPhoto['kind']; content: Buffer }> {
  const actor = requirePermission(ctx, 'hotline:read');
  const { c } = await callInScope(ctx, actor, callId);
  const [row] = await ctx.db
    .select()
    .from(homeVerificationPhotos)
    .where(and(eq(homeVerificationPhotos.id, photoId), eq(homeVerificationPhotos.callId, callId)));
  if (!row) throw notFound('PHOTO_NOT_FOUND');
  await withTx(ctx, (tx) => recordAudit(tx, { action: 'hotline.photo.view', entityType: 'hotline_call', entityId: callId, regionCode: c.regionCode, details: { photoId } }));
  return { kind: row.kind as CallPhoto['kind'], content: openBytes(ctx.secrets.encryptionKey, row.contentEnc) };
}
