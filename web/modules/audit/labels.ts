import { AUDIT_ACTION_LABELS } from '../../../common/enums';

/** Entity types the audit log names, with their Chinese labels. */
export const ENTITY_TYPES: Record<string, string> = {
  user: '用户',
  security_policy: '安全策略',
  region: '行政区划',
};

export function entityTypeLabel(type: string | null): string {
  return type ? (ENTITY_TYPES[type] ?? type) : '—';
}

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
