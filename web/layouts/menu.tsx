import type { ReactNode } from 'react';
import { AuditOutlined, HomeOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { Permission } from '../../common/permissions';

export interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  permission: Permission;
}

/** The side menu; an entry shows only to users holding its permission. */
export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: '区划概览', icon: <HomeOutlined />, permission: 'regions:read' },
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

export function navItemsFor(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}

/** The menu key of a path: /regions/... belongs to the overview. */
export function navKeyOf(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  if (first === '' || first === 'regions') return 'home';
  return first;
}
