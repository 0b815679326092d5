import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import yauzl from 'yauzl';
import { AppError } from '../../core/errors';
import { ZIP_LIMITS } from '../../core/files';

/** A million-row sheet is about 60 MB zipped and 500 MB unzipped: it goes to a temporary file, never into memory. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
const MAX_UNCOMPRESSED = 4 * 1024 * 1024 * 1024;

/**
 * Receives the uploaded file into a temporary file, then decides its type by content: zip magic bytes,
 * a central directory with the limits of core/files.ts (entries, paths, ratio) except the total size,
 * which is larger here because the sheet is streamed, and `xl/workbook.xml` present.
 */
export async function receiveXlsx(
  req: FastifyRequest,
): Promise<{ fileName: string; path: string; cleanup: () => Promise<void> }> {
  if (!req.isMultipart())
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
  if (!part) throw new AppError(400, 'FILE_REQUIRED');
  const path = join(tmpdir(), `fx-beneficiaries-${randomUUID()}.xlsx`);
  const cleanup = () => rm(path, { force: true });
  try {
    await pipeline(part.file, createWriteStream(path));
    if (part.file.truncated)
      throw new AppError(413, 'FILE_TOO_LARGE', `文件过大（最大 ${IMPORT_MAX_BYTES / 1024 / 1024} MB）`);
    await assertXlsxFile(path);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { fileName: part.filename.slice(0, 200), path, cleanup };
}

const notXlsx = (why = '') =>
  new AppError(415, 'FILE_TYPE_NOT_ALLOWED', `文件类型不允许，仅支持 xlsx${why ? `（${why}）` : ''}`);

export async function assertXlsxFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(4);
  await fh.read(head, 0, 4, 0);
  await fh.close();
  if (!head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw notXlsx();
  const names = await new Promise<string[]>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(notXlsx('不是有效的压缩包'));
      const seen: string[] = [];
      let total = 0;
      const bad = (why: string) => {
        zip.close();
        reject(notXlsx(why));
      };
      zip.on('error', () => reject(notXlsx('不是有效的压缩包')));
      zip.on('entry', (e: yauzl.Entry) => {
        seen.push(e.fileName);
        total += e.uncompressedSize;
        if (seen.length > ZIP_LIMITS.entries) return bad('条目过多');
        if (total > MAX_UNCOMPRESSED) return bad('解压后过大');
        if (
          e.compressedSize > 0 &&
          e.uncompressedSize / e.compressedSize > ZIP_LIMITS.ratio &&
          e.uncompressedSize > 1024 * 1024
        )
          return bad('压缩比异常');
        if (e.fileName.startsWith('/') || e.fileName.split('/').includes('..')) return bad('路径非法');
        zip.readEntry();
      });
      zip.on('end', () => resolve(seen));
      zip.readEntry();
    });
  });
  if (!names.includes('xl/workbook.xml')) throw notXlsx();
}

export const readStream = (path: string) => createReadStream(path);
