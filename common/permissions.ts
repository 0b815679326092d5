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
  'institutions:read',
  'institutions:manage',
  'emergency:read',
  'emergency:manage',
  'notices:read',
  'notices:send',
  'reports:read',
  'reports:submit',
  'reports:configure',
  'tests:read',
  'tests:plan',
  'tests:record',
  'isolation:read',
  'isolation:record',
  'isolation:approve',
  'isolation:configure',
  'supplies:read',
  'supplies:record',
  'supplies:configure',
  'notifications:read',
  'reminders:welfare',
  'incidents:read',
  'incidents:report',
  'incidents:manage',
  'hotline:read',
  'hotline:take',
  'hotline:handle',
  'hotline:manage',
  'assistance:read',
  'assistance:grant',
  'assistance:approve',
  'assistance:allocate',
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
  'institutions:read': '查看机构',
  'institutions:manage': '管理机构',
  'emergency:read': '查看应急响应与封控指令',
  'emergency:manage': '启动应急响应、下达和解除封控指令',
  'notices:read': '接收通知',
  'notices:send': '发送通知',
  'reports:read': '查看日报告与完成率',
  'reports:submit': '报送日报告、零报告（含代报）',
  'reports:configure': '设置报送截止时间',
  'tests:read': '查看检测轮次与覆盖率',
  'tests:plan': '部署检测轮次',
  'tests:record': '填报检测结果（含代报）',
  'isolation:read': '查看入院前隔离人员（脱敏）',
  'isolation:record': '登记隔离人员、症状与检测结果、办理解除隔离',
  'isolation:approve': '审批提前解除隔离（第二人复核）',
  'isolation:configure': '设置隔离期政策',
  'supplies:read': '查看物资库存与保障天数',
  'supplies:record': '登记物资入库与盘点调整',
  'supplies:configure': '设置物资储备标准',
  'notifications:read': '接收站内提醒',
  'reminders:welfare': '办结连续未报机构的探访核查任务',
  'incidents:read': '查看紧急情况',
  'incidents:report': '报告紧急情况（含代报）',
  'incidents:manage': '关闭紧急情况',
  'hotline:read': '查看热线来电',
  'hotline:take': '接听热线、登记来电',
  'hotline:handle': '认领和办理热线个案',
  'hotline:manage': '发布热线号码',
  'assistance:read': '查看临时救助与备用金',
  'assistance:grant': '发放临时救助',
  'assistance:approve': '审批大额救助、核销手续',
  'assistance:allocate': '向乡镇拨付备用金',
};

const BUSINESS: Permission[] = ['regions:read', 'dashboard:read', 'institutions:read', 'emergency:read', 'notices:read', 'reports:read', 'tests:read', 'supplies:read', 'notifications:read', 'incidents:read'];
const COMMAND: Permission[] = ['institutions:manage', 'emergency:manage', 'notices:send', 'reports:submit', 'reports:configure'];

/**
 * The role -> permission matrix. 三员 separation: the system admin runs accounts but reads no audit,
 * the security admin sets policy but manages no accounts, the audit admin only reads the audit log.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: ['regions:read', 'regions:import', 'users:read', 'users:manage'],
  security_admin: ['regions:read', 'users:read', 'security:manage'],
  audit_admin: ['regions:read', 'audit:read'],
  leader: [...BUSINESS, 'users:read', 'hotline:read', 'assistance:read', 'assistance:approve', 'emergency:manage', 'notices:send', 'isolation:read', 'isolation:approve', 'incidents:manage'],
  officer: [...BUSINESS, ...COMMAND, 'users:read', 'users:manage', 'hotline:read', 'hotline:take', 'hotline:handle', 'hotline:manage', 'assistance:read', 'assistance:grant', 'assistance:approve', 'assistance:allocate', 'tests:plan', 'tests:record', 'isolation:read', 'isolation:record', 'isolation:approve', 'isolation:configure', 'supplies:record', 'supplies:configure', 'reminders:welfare', 'incidents:report', 'incidents:manage'],
  town_officer: [...BUSINESS, 'hotline:read', 'hotline:handle', 'assistance:read', 'assistance:grant', 'reports:submit', 'tests:record', 'isolation:read', 'reminders:welfare', 'incidents:report'],
  village_cadre: BUSINESS,
  reporter: [...BUSINESS, 'reports:submit', 'tests:record', 'isolation:read', 'isolation:record', 'supplies:record', 'incidents:report'],
  hotline_operator: [...BUSINESS, 'hotline:read', 'hotline:take'],
  inspector: [...BUSINESS, 'isolation:read'],
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
