import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

interface FieldProblem {
  path?: unknown;
  message?: unknown;
}

/**
 * Puts the server's per-field validation messages (details [{path: 'body.username', message}]) on
 * the form's fields. Returns true when at least one field took a message.
 */
export function applyServerErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = (error.details as FieldProblem[])
    .filter((d) => typeof d.path === 'string' && typeof d.message === 'string')
    .map((d) => ({
      name: (d.path as string).replace(/^body\./, '').split('.')[0] ?? '',
      errors: [d.message as string],
    }))
    .filter((f) => known.has(f.name));
  form.setFields(fields);
  return fields.length > 0;
}
