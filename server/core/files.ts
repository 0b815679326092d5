import yauzl from 'yauzl';
import { AppError } from './errors';

export type FileKind = 'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx';

export const MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Limits for zip containers (docx, xlsx): refused before any parser sees a bomb or a traversal. */
export const ZIP_LIMITS = { entries: 1_000, uncompressedBytes: 50 * 1024 * 1024, ratio: 100 };

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** Reads a zip's central directory only: entry names, after checking count, sizes, ratio and paths. */
export function inspectZip(buf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const bad = (why: string) => reject(new AppError(400, 'FILE_TYPE_NOT_ALLOWED', `文件结构异常：${why}`));
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return bad('不是有效的压缩包');
      const names: string[] = [];
      let total = 0;
      zip.on('error', () => bad('不是有效的压缩包'));
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        total += entry.uncompressedSize;
        if (names.length > ZIP_LIMITS.entries) return bad('条目过多');
        if (total > ZIP_LIMITS.uncompressedBytes) return bad('解压后过大');
        if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > ZIP_LIMITS.ratio && entry.uncompressedSize > 1024 * 1024)
          return bad('压缩比异常');
        if (entry.fileName.startsWith('/') || entry.fileName.split('/').includes('..')) return bad('路径非法');
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.readEntry();
    });
  });
}

/** The type of a file by its content, never by its name; null when it is none of the allowed kinds. */
export async function detectKind(buf: Buffer): Promise<FileKind | null> {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const names = await inspectZip(buf);
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/** Throws 415 unless the content is one of the allowed kinds. */
export async function assertKind(buf: Buffer, allowed: readonly FileKind[]): Promise<FileKind> {
  const kind = await detectKind(buf);
  if (!kind || !allowed.includes(kind)) {
    throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', `文件类型不允许，仅支持 ${allowed.join('、')}`);
  }
  return kind;
}
