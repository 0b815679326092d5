import type { ReactNode } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  ExperimentOutlined,
  InboxOutlined,
  MoneyCollectOutlined,
  CarryOutOutlined,
  FileDoneOutlined,
  HomeOutlined,
  LockOutlined,
  NotificationOutlined,
  PhoneOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SearchOutlined,
  SolutionOutlined,
  WarningOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../common/permissions';

export interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  permission: Permission;
  /** Only for institution reporters (`institution`) or only for everyone else (`office`); both when unset. */
  audience?: 'institution' | 'office';
}

/** The side menu; an entry shows only to users holding its permission. */
export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: '区划概览', icon: <HomeOutlined />, permission: 'regions:read', audience: 'office' },
  // An institution reporter's "/" is today's report (same key: the path is the same).
  {
    key: 'home',
    path: '/',
    label: '今日报送',
    icon: <CarryOutOutlined />,
    permission: 'reports:submit',
    audience: 'institution',
  },
  {
    key: 'daily-reports',
    path: '/daily-reports',
    label: '日报完成率',
    icon: <FileDoneOutlined />,
    permission: 'reports:read',
    audience: 'office',
  },
  {
    key: 'incidents',
    path: '/incidents',
    label: '紧急情况',
    icon: <WarningOutlined />,
    permission: 'incidents:read',
  },
  {
    key: 'hotline-calls',
    path: '/hotline/calls',
    label: '热线工作台',
    icon: <PhoneOutlined />,
    permission: 'hotline:read',
  },
  {
    key: 'hotline-stats',
    path: '/hotline/stats',
    label: '热线统计',
    icon: <PieChartOutlined />,
    permission: 'hotline:read',
  },
  {
    key: 'assistance',
    path: '/assistance',
    label: '临时救助',
    icon: <MoneyCollectOutlined />,
    permission: 'assistance:read',
  },
  { key: 'beneficiaries', path: '/beneficiaries', label: '救助对象', icon: <SolutionOutlined />, permission: 'beneficiaries:read' },
  { key: 'sweeps', path: '/sweeps', label: '走访排查', icon: <TeamOutlined />, permission: 'sweeps:read' },
  { key: 'rescue', path: '/rescue', label: '流浪乞讨救助', icon: <SolutionOutlined />, permission: 'rescue:read' },
  {
    key: 'welfare-tasks',
    path: '/reminders/welfare-tasks',
    label: '探访核查',
    icon: <SearchOutlined />,
    permission: 'reminders:welfare',
  },
  {
    key: 'reminders',
    path: '/reminders',
    label: '催报提醒',
    icon: <BellOutlined />,
    permission: 'reports:read',
    audience: 'office',
  },
  {
    key: 'institutions',
    path: '/institutions',
    label: '机构名录',
    icon: <BankOutlined />,
    permission: 'institutions:read',
  },
  {
    key: 'test-rounds',
    path: '/test-rounds',
    label: '检测轮次',
    icon: <ExperimentOutlined />,
    permission: 'tests:read',
  },
  {
    key: 'isolation',
    path: '/isolation',
    label: '入院前隔离',
    icon: <SafetyOutlined />,
    permission: 'isolation:read',
  },
  {
    key: 'supplies',
    path: '/supplies',
    label: '物资储备',
    icon: <InboxOutlined />,
    permission: 'supplies:read',
  },
  {
    key: 'emergency',
    path: '/emergency',
    label: '应急指挥',
    icon: <AlertOutlined />,
    permission: 'emergency:read',
    audience: 'office',
  },
  { key: 'orders', path: '/orders', label: '封控指令', icon: <LockOutlined />, permission: 'emergency:read' },
  {
    key: 'notices',
    path: '/notices',
    label: '通知',
    icon: <NotificationOutlined />,
    permission: 'notices:read',
  },
  { key: 'users', path: '/users', label: '用户管理', icon: <TeamOutlined />, permission: 'users:read' },
  { key: 'audit', path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read' },
  {
    key: 'security',
    path: '/security',
    label: '安全策略',
    icon: <SafetyCertificateOutlined />,
    permission: 'security:manage',
  },
];

export function navItemsFor(permissions: readonly string[], institutionUser = false): NavItem[] {
  const audience = institutionUser ? 'institution' : 'office';
  return NAV_ITEMS.filter(
    (item) => permissions.includes(item.permission) && (!item.audience || item.audience === audience),
  );
}

/** The menu key of a path: /regions/... belongs to the overview. */
export function navKeyOf(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  if (first === '' || first === 'regions') return 'home';
  if (first === 'reminders' && pathname.split('/')[2] === 'welfare-tasks') return 'welfare-tasks';
  if (first === 'hotline') return pathname.split('/')[2] === 'stats' ? 'hotline-stats' : 'hotline-calls';
  return first;
}
