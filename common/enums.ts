/** Every enumerated value of the platform, with its Chinese label. Defined once, used by db, API and web. */

export const ROLES = [
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
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  leader: '领导',
  officer: '民政干部',
  town_officer: '乡镇(街道)干部',
  village_cadre: '村(社区)干部',
  reporter: '机构填报员',
  hotline_operator: '热线接线员',
  inspector: '督查员',
  charity_officer: '慈善组织专员',
};

/** 三员: the three platform administrator roles; one account holds at most one of them. */
export const ADMIN_TRIAD: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const REGION_LEVELS = ['country', 'province', 'city', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  country: '全国',
  province: '省',
  city: '市(州)',
  county: '县(市、区)',
  town: '乡镇(街道)',
  village: '村(社区)',
};

export const AUDIT_RESULTS = ['success', 'failure'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export const AUDIT_RESULT_LABELS: Record<AuditResult, string> = { success: '成功', failure: '失败' };

/** Audit actions of the platform core; modules add their own dotted names. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账户锁定',
  'auth.password.change': '修改密码',
  'auth.totp.enable': '启用双因素认证',
  'auth.totp.reset': '重置双因素认证',
  'auth.policy.update': '修改安全策略',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.password.reset': '重置密码',
  'region.import': '导入行政区划',
};
