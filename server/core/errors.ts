import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors';

/** A failure the caller can act on: a 4xx status, a stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | (string & {}),
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_MESSAGES[code as ErrorCode] ?? code);
    this.name = 'AppError';
  }
}

export const badRequest = (code: ErrorCode = 'VALIDATION_FAILED', message?: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthenticated = (code: ErrorCode = 'UNAUTHENTICATED') => new AppError(401, code);
export const forbidden = (code: ErrorCode = 'FORBIDDEN', details?: unknown) =>
  new AppError(403, code, undefined, details);
export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(404, code);
export const conflict = (code: ErrorCode, message?: string, details?: unknown) =>
  new AppError(409, code, message, details);
