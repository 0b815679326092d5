import type { ErrorBody } from '../../common/contracts/common';

/** A failed API call: the HTTP status and the server's stable code and Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }
}

/** Codes that change what the whole app shows (log in again, change the password, enrol 2FA). */
export type SessionEvent =
  'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'PASSWORD_CHANGE_REQUIRED' | 'TOTP_ENROLLMENT_REQUIRED';

const SESSION_EVENTS = new Set<string>([
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'TOTP_ENROLLMENT_REQUIRED',
]);

// The CSRF token lives in memory only; a reload fetches it again from /api/auth/me.
let csrfToken: string | null = null;
let sessionListener: ((event: SessionEvent) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onSessionEvent(listener: ((event: SessionEvent) => void) | null): void {
  sessionListener = listener;
}

export type QueryValue = string | number | boolean | null | undefined;

export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Calls the API; resolves with the parsed JSON body or throws an ApiError. */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  }
  const data = await readJson(res);
  if (res.ok) return data as T;
  const error = new ApiError(
    res.status,
    isErrorBody(data)
      ? data
      : { code: `HTTP_${res.status}`, message: `服务器暂时无法处理请求（${res.status}），请稍后再试` },
  );
  // A wrong password on the login form is a 401 too; only a missing or expired session logs the user out.
  if (SESSION_EVENTS.has(error.code) && path !== '/auth/login') sessionListener?.(error.code as SessionEvent);
  throw error;
}

/** Uploads one file as multipart/form-data (field `file`); resolves with the parsed JSON body. */
export async function upload<T>(path: string, file: Blob, fileName: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, fileName);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  }
  const data = await readJson(res);
  if (res.ok) return data as T;
  const error = new ApiError(
    res.status,
    isErrorBody(data)
      ? data
      : res.status === 413
        ? { code: 'FILE_TOO_LARGE', message: '文件过大' }
        : { code: `HTTP_${res.status}`, message: `服务器暂时无法处理请求（${res.status}），请稍后再试` },
  );
  if (SESSION_EVENTS.has(error.code)) sessionListener?.(error.code as SessionEvent);
  throw error;
}

export const api = {
  get: <T>(path: string, params: Record<string, QueryValue> = {}) =>
    request<T>('GET', path + queryString(params)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body, headers),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
