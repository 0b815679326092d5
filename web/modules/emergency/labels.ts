import type { ClosureOrder } from '../../../common/contracts/emergency';
import { RESPONSE_LEVEL_LABELS, type ResponseLevel } from '../../../common/enums';

export type OrderStatus = ClosureOrder['status'];

export const ORDER_STATUSES: OrderStatus[] = ['in_force', 'partly_lifted', 'lifted'];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  in_force: '生效中',
  partly_lifted: '部分解除',
  lifted: '已全部解除',
};

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  in_force: 'red',
  partly_lifted: 'orange',
  lifted: 'default',
};

/** Short labels for the level buttons, strongest first. */
export const LEVEL_CHOICES: Array<{ value: ResponseLevel; label: string }> = [
  { value: 'I', label: 'Ⅰ级' },
  { value: 'II', label: 'Ⅱ级' },
  { value: 'III', label: 'Ⅲ级' },
  { value: 'IV', label: 'Ⅳ级' },
  { value: 'none', label: '不响应' },
];

export const levelLabel = (level: ResponseLevel) => RESPONSE_LEVEL_LABELS[level];
