import type { Role } from './enums';

/** Permission keys: `<module>:<action>`. Services check one of these as their first line. */
export const PERMISSIONS = [
  'regions:read',
  'regions:import',
  'users:read',
  'users:manage',
  'audit:read',
  'security:manage',
  'dashboard:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'regions:read': '查看行政区划',
  'regions:import': '导入行政区划',
  'users:read': '查看用户',
  'users:manage': '管理用户',
  'audit:read': '查看审计日志',
  'security:manage': '管理安全策略',
  'dashboard:read': '查看工作台',
};

const BUSINESS: Permission[] = ['regions:read', 'dashboard:read'];

/**
 * The role -> permission matrix. 三员 separation: the system admin runs accounts but reads no audit,
 * the security admin sets policy but manages no accounts, the audit admin only reads the audit log.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: ['regions:read', 'regions:import', 'users:read', 'users:manage'],
  security_admin: ['regions:read', 'users:read', 'security:manage'],
  audit_admin: ['regions:read', 'audit:read'],
  leader: [...BUSINESS, 'users:read'],
  officer: [...BUSINESS, 'users:read', 'users:manage'],
  town_officer: BUSINESS,
  village_cadre: BUSINESS,
  reporter: BUSINESS,
  hotline_operator: BUSINESS,
  inspector: BUSINESS,
  charity_officer: BUSINESS,
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles an account manager of a given role may assign. Only the system admin assigns the 三员 roles. */
export const ASSIGNABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  system_admin: [
    'system_admin',
    'security_admin',
    'audit_admin',
    'leader',
    'officer',
    'town_officer',
    'village_cadre',
    'reporter',
    'hotline_operator',
    'inspector',
    'charity_officer',
  ],
  officer: [
    'leader',
    'officer',
    'town_officer',
    'village_cadre',
    'reporter',
    'hotline_operator',
    'inspector',
    'charity_officer',
  ],
};
