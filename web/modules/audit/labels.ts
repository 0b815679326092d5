import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../common/enums';

/** Entity types the audit log names, with their Chinese labels (unknown types show as stored). */
export const ENTITY_TYPES: Record<string, string> = AUDIT_ENTITY_LABELS;

/** The first segment of an action names its module; filtering by it matches every action of the module. */
const MODULES: Record<string, string> = {
  auth: '登录与安全',
  user: '用户',
  region: '行政区划',
  institution: '机构',
  closure_order: '封闭管理令',
  emergency: '应急响应',
  notice: '通知',
  case: '救助个案',
  report: '报表',
  system: '系统任务',
  demo: '演示数据',
};

export function entityTypeLabel(type: string | null): string {
  return type ? (ENTITY_TYPES[type] ?? type) : '—';
}

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export interface ActionOption {
  value: string;
  label: string;
}

/** Filter choices: each module (a prefix such as `auth.`) and then each labelled action. */
export function actionOptions(): ActionOption[] {
  const actions = Object.keys(AUDIT_ACTION_LABELS);
  const prefixes = [...new Set([...Object.keys(MODULES), ...actions.map((a) => a.split('.')[0] ?? a)])];
  return [
    ...prefixes.map((p) => ({ value: `${p}.`, label: `全部「${MODULES[p] ?? p}」操作` })),
    ...actions.map((a) => ({ value: a, label: `${AUDIT_ACTION_LABELS[a]}（${a}）` })),
  ];
}

export function actionFilterLabel(value: string): string {
  return actionOptions().find((o) => o.value === value)?.label ?? value;
}
