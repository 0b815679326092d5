import { Tag } from 'antd';
import type { HouseholdStatus } from '../../../common/enums';
import { HOUSEHOLD_STATUS_LABELS } from '../../../common/enums';

const COLORS: Record<HouseholdStatus, string> = {
  applied: 'gold',
  reviewed: 'blue',
  active: 'green',
  rejected: 'red',
  suspended: 'orange',
  exited: 'default',
};

export const StatusTag = ({ status }: { status: HouseholdStatus }) => (
  <Tag color={COLORS[status]}>{HOUSEHOLD_STATUS_LABELS[status]}</Tag>
);
