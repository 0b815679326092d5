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
  'auth.totp.setup': '生成双因素认证密钥',
  'auth.totp.enable': '启用双因素认证',
  'auth.totp.reset': '重置双因素认证',
  'auth.policy.update': '修改安全策略',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.password.reset': '重置密码',
  'region.import': '导入行政区划',
  'demo.seed': '写入演示数据',
  'institution.create': '登记机构',
  'institution.update': '修改机构',
  'institution.status': '变更机构状态',
  'institution.export': '导出机构名录',
  'institution.import.preview': '机构导入预检',
  'institution.import.confirm': '确认机构导入',
  'emergency.response': '设置应急响应级别',
  'closure_order.issue': '下达封闭管理',
  'closure_order.lift': '解除封闭管理',
  'notice.send': '发送通知',
  'notice.acknowledge': '签收通知',
  'notice.remind': '催办通知',
  'notice.attachment.upload': '上传通知附件',
  'daily_report.submit': '报送日报告',
  'daily_report.correct': '更正日报告',
  'daily_report.deadline': '设置报送截止时间',
  'daily_report.export': '导出日报汇总',
  'hotline.number.publish': '发布热线号码',
  'hotline.call.take': '登记来电',
  'hotline.call.lookup': '按号码查询来电',
  'hotline.call.claim': '认领热线个案',
  'hotline.call.verify': '入户核实',
  'hotline.call.reveal': '查看来电人完整信息',
  'hotline.call.close': '办结热线个案', 'hotline.call.escalate': '热线个案超时上报区县', 'hotline.call.export': '导出热线个案', 'hotline.photo.upload': '上传入户核实照片', 'hotline.photo.view': '查看入户核实照片', 'assistance.grant.reveal': '查看救助对象完整信息',
  'assistance.fund.allocate': '拨付备用金',
  'assistance.grant.pay': '发放临时救助',
  'assistance.grant.request': '提交大额救助审批',
  'assistance.grant.approve': '审批临时救助',
  'assistance.grant.export': '导出临时救助台账',
  'assistance.paperwork.completed': '补齐救助手续',
  'assistance.paperwork.written_off': '核销救助手续',
  'test_round.plan': '部署检测轮次',
  'test_round.record': '填报检测结果',
  'isolation.register': '登记隔离人员',
  'isolation.check': '登记隔离期检查或检测',
  'isolation.admit': '解除隔离（入院或返岗）',
  'isolation.override': '提前解除隔离（第二人复核）',
  'isolation.policy': '设置隔离期政策',
  'supplies.receipt': '物资入库',
  'supplies.adjust': '物资盘点调整',
  'supplies.consume': '日报告物资消耗',
  'supplies.norm': '设置物资储备标准',
  'notification.read': '阅读站内提醒',
  'notification.read_all': '全部提醒标为已读',
  'webhook.deliver': '外发推送（短信/企业微信网关）',
  'reminder.send': '发送未报送提醒',
  'reminder.ladder': '设置提醒阶梯',
  'welfare_task.create': '生成探访核查任务',
  'welfare_task.done': '办结探访核查任务',
  'incident.report': '报告紧急情况',
  'incident.acknowledge': '签收紧急情况',
  'incident.close': '关闭紧急情况',
  'beneficiary.create': '登记救助对象家庭',
  'beneficiary.lookup': '按身份证号查询救助对象',
  'beneficiary.reveal': '查看救助对象完整信息',
  'beneficiary.status': '变更救助对象状态',
  'beneficiary.apply': '受理低保特困申请',
  'beneficiary.review': '审核低保特困申请',
  'beneficiary.approve': '审批通过低保特困申请',
  'beneficiary.reject': '审批不予通过低保特困申请',
  'beneficiary.import': '导入救助对象（每批一条）',
  'rescue.patrol.create': '登记街面巡查',
  'rescue.person.record': '登记流浪乞讨救助对象',
  'rescue.person.help': '登记救助帮扶',
  'rescue.person.place': '安置救助对象',
  'rescue.person.confirm': '筛查后确认入站安置',
  'rescue.person.close': '救助结案',
  'rescue.person.reveal': '查看流浪乞讨救助对象完整信息',
  'sweep.start': '发起走访排查', 'sweep.close': '结束走访排查', 'sweep.contact': '记录走访联系', 'sweep.reveal': '查看走访对象完整联系方式',
};

/** What an audit row is about, with Chinese labels; modules add theirs. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  security_policy: '安全策略',
  region: '行政区划',
  institution: '机构',
  institution_import: '机构导入',
  closure_order: '封闭管理令',
  notice: '通知',
  notice_attachment: '通知附件',
  daily_report: '日报告',
  test_round: '检测轮次',
  isolation_person: '隔离人员',
  supply_norm: '物资储备标准',
  notification: '站内提醒',
  webhook_delivery: '外发推送',
  reminder: '未报送提醒',
  welfare_task: '探访核查任务',
  hotline_number: '热线号码', hotline_call: '热线个案', reserve_fund: '乡镇备用金', assistance_grant: '临时救助',
  incident: '紧急情况',
  beneficiary_household: '救助对象家庭',
  beneficiary_import: '救助对象导入',
  rescue_patrol: '街面巡查',
  rescue_person: '流浪乞讨救助对象',
  sweep: '走访排查', sweep_contact: '走访联系记录',
};

export const INSTITUTION_TYPES = [
  'elderly_care',
  'elderly_service_center',
  'day_care',
  'child_welfare',
  'minor_protection',
  'rescue_station',
  'mental_health',
  'funeral',
  'marriage_registry',
  'lottery_outlet',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const INSTITUTION_TYPE_LABELS: Record<InstitutionType, string> = {
  elderly_care: '养老机构',
  elderly_service_center: '城市养老服务中心',
  day_care: '日间照料中心',
  child_welfare: '儿童福利机构',
  minor_protection: '未成年人救助保护机构',
  rescue_station: '救助管理站',
  mental_health: '精神卫生福利机构',
  funeral: '殡葬服务机构',
  marriage_registry: '婚姻登记机构',
  lottery_outlet: '福彩站点',
};

/** Institutions where people live: closed management applies to them by default when a response starts. */
export const RESIDENTIAL_TYPES: readonly InstitutionType[] = [
  'elderly_care',
  'child_welfare',
  'minor_protection',
  'rescue_station',
  'mental_health',
];

export const INSTITUTION_STATUSES = [
  'operating',
  'closed_management',
  'gatherings_suspended',
  'services_suspended',
  'closed',
] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];

export const INSTITUTION_STATUS_LABELS: Record<InstitutionStatus, string> = {
  operating: '正常运营',
  closed_management: '封闭管理',
  gatherings_suspended: '暂停聚集性服务',
  services_suspended: '暂停服务',
  closed: '停业/注销',
};

export const RESPONSE_LEVELS = ['none', 'IV', 'III', 'II', 'I'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];

export const RESPONSE_LEVEL_LABELS: Record<ResponseLevel, string> = {
  none: '未启动',
  IV: 'Ⅳ级响应',
  III: 'Ⅲ级响应',
  II: 'Ⅱ级响应',
  I: 'Ⅰ级响应',
};

/** Severity: a larger number is a stronger response (none 0 … I 4). */
export function responseSeverity(level: ResponseLevel): number {
  return RESPONSE_LEVELS.indexOf(level);
}

export const CLOSURE_MEASURES = [
  'no_visits',
  'disinfect_deliveries',
  'cold_chain_disinfection',
  'staff_live_in',
  'temperature_checks',
  'no_new_admissions',
  'no_outings',
  'daily_report',
] as const;
export type ClosureMeasure = (typeof CLOSURE_MEASURES)[number];

export const CLOSURE_MEASURE_LABELS: Record<ClosureMeasure, string> = {
  no_visits: '谢绝探访、不接受社会慰问',
  disinfect_deliveries: '快递、邮件等物品消杀后转入',
  cold_chain_disinfection: '冷链食品监测和消杀',
  staff_live_in: '工作人员封闭在岗、吃住在院',
  temperature_checks: '每日体温检测',
  no_new_admissions: '暂停接收新入住人员',
  no_outings: '服务对象不外出',
  daily_report: '执行日报告、零报告',
};

export const DEFAULT_CLOSURE_MEASURES: readonly ClosureMeasure[] = [
  'no_visits',
  'disinfect_deliveries',
  'cold_chain_disinfection',
  'staff_live_in',
  'temperature_checks',
  'daily_report',
];

export const REPORT_KINDS = ['report', 'zero', 'not_applicable'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  report: '日报告',
  zero: '零报告（无异常）',
  not_applicable: '不适用（暂停/停业）',
};

export const INCIDENT_KINDS = ['suspected_case', 'confirmed_case', 'fever_cluster', 'death', 'missing_person', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  suspected_case: '疑似病例',
  confirmed_case: '确诊病例',
  fever_cluster: '聚集性发热',
  death: '死亡',
  missing_person: '人员走失',
  other: '其他紧急情况',
};

export const SUPPLY_CATEGORIES = ['living', 'food', 'masks', 'protective_suits', 'disinfectant', 'test_kits', 'medicine', 'other'] as const;
export type SupplyCategory = (typeof SUPPLY_CATEGORIES)[number];

export const SUPPLY_CATEGORY_LABELS: Record<SupplyCategory, string> = {
  living: '生活物资',
  food: '食品',
  masks: '口罩',
  protective_suits: '防护服',
  disinfectant: '消毒液',
  test_kits: '检测试剂',
  medicine: '药品',
  other: '其他',
};

export const ISOLATION_REASONS = ['returning', 'new_admission', 'foundling', 'vagrant_minor'] as const;
export type IsolationReason = (typeof ISOLATION_REASONS)[number];

export const ISOLATION_REASON_LABELS: Record<IsolationReason, string> = {
  returning: '外出返回',
  new_admission: '新入住',
  foundling: '新发现弃婴',
  vagrant_minor: '流浪未成年人',
};

/** Whom a step of the reminder ladder reaches about an institution that has not reported. */
export const REMINDER_TARGETS = ['institution', 'town', 'county'] as const;
export type ReminderTarget = (typeof REMINDER_TARGETS)[number];

export const REMINDER_TARGET_LABELS: Record<ReminderTarget, string> = {
  institution: '机构填报员',
  town: '乡镇(街道)干部',
  county: '县级民政干部',
};

export const WELFARE_TASK_STATUSES = ['open', 'done'] as const;
export type WelfareTaskStatus = (typeof WELFARE_TASK_STATUSES)[number];

export const WELFARE_TASK_STATUS_LABELS: Record<WelfareTaskStatus, string> = { open: '待核查', done: '已核查' };

export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = { open: '处置中', closed: '已关闭' };

export const HOTLINE_CATEGORIES = ['medical', 'economic', 'stranded', 'living', 'child', 'vagrant', 'migrant_worker', 'consultation', 'other'] as const;
export type HotlineCategory = (typeof HOTLINE_CATEGORIES)[number];

export const HOTLINE_CATEGORY_LABELS: Record<HotlineCategory, string> = {
  medical: '跨区域就医',
  economic: '经济困难',
  stranded: '滞留人员',
  living: '生活救助',
  child: '儿童照料与保护',
  vagrant: '流浪乞讨',
  migrant_worker: '务工人员困难',
  consultation: '政策咨询',
  other: '其他',
};

export const HOTLINE_URGENCIES = ['urgent', 'normal'] as const;
export type HotlineUrgency = (typeof HOTLINE_URGENCIES)[number];
export const HOTLINE_URGENCY_LABELS: Record<HotlineUrgency, string> = { urgent: '紧急', normal: '一般' };

export const CALL_STATUSES = ['open', 'claimed', 'verified', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const CALL_STATUS_LABELS: Record<CallStatus, string> = { open: '待认领', claimed: '办理中', verified: '已核实', closed: '已办结' };

export const BENEFICIARY_PROGRAMMES = [
  'urban_dibao',
  'rural_dibao',
  'tekun_centralised',
  'tekun_dispersed',
  'disabled_in_difficulty',
  'child_in_difficulty',
  'orphan',
] as const;
export type BeneficiaryProgramme = (typeof BENEFICIARY_PROGRAMMES)[number];
export const BENEFICIARY_PROGRAMME_LABELS: Record<BeneficiaryProgramme, string> = {
  urban_dibao: '城市低保',
  rural_dibao: '农村低保',
  tekun_centralised: '特困（集中供养）',
  tekun_dispersed: '特困（分散供养）',
  disabled_in_difficulty: '困难残疾人',
  child_in_difficulty: '困境儿童',
  orphan: '孤儿',
};

export const MEMBER_RELATIONS = ['head', 'spouse', 'child', 'parent', 'other'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];
export const MEMBER_RELATION_LABELS: Record<MemberRelation, string> = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', other: '其他' };

/** Household status: enrolment runs applied → reviewed → active (or rejected); active households may later exit. */
export const HOUSEHOLD_STATUSES = ['applied', 'reviewed', 'active', 'rejected', 'suspended', 'exited'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = {
  applied: '已申请',
  reviewed: '已审核',
  active: '在保',
  rejected: '未通过',
  suspended: '暂停',
  exited: '已退出',
};

export const SWEEP_STATUSES = ['open', 'closed'] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];
export const SWEEP_STATUS_LABELS: Record<SweepStatus, string> = { open: '进行中', closed: '已结束' };
export const CONTACT_CHANNELS = ['phone', 'wechat', 'visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = { phone: '电话', wechat: '微信', visit: '上门' };
export const CONTACT_OUTCOMES = ['fine', 'difficulty', 'unreachable'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = { fine: '正常', difficulty: '有困难', unreachable: '联系不上' };
/** Sweep risk reasons, in the order of their weight on the worklist (see sweeps.rules.ts). */
export const SWEEP_RISKS = ['recent_hotline', 'aged_80', 'living_alone', 'disability', 'closed_area', 'no_contact'] as const;
export type SweepRisk = (typeof SWEEP_RISKS)[number];
export const SWEEP_RISK_LABELS: Record<SweepRisk, string> = { recent_hotline: '近期来电求助', aged_80: '80岁以上', living_alone: '独居', disability: '残疾', closed_area: '封控区域', no_contact: '久未联系' };

/** Rescue of vagrants, beggars and stranded people (流浪乞讨、滞留人员救助). */
export const RESCUE_CATEGORIES = ['vagrant', 'beggar', 'stranded', 'migrant_worker'] as const;
export type RescueCategory = (typeof RESCUE_CATEGORIES)[number];
export const RESCUE_CATEGORY_LABELS: Record<RescueCategory, string> = { vagrant: '流浪人员', beggar: '乞讨人员', stranded: '滞留人员', migrant_worker: '外来务工困难人员' };
export const RESCUE_SOURCES = ['patrol', 'hotline', 'walk_in', 'referral'] as const;
export type RescueSource = (typeof RESCUE_SOURCES)[number];
export const RESCUE_SOURCE_LABELS: Record<RescueSource, string> = { patrol: '街面巡查', hotline: '热线求助', walk_in: '主动求助', referral: '公安、城管等移送' };
export const RESCUE_SEXES = ['male', 'female', 'unknown'] as const;
export type RescueSex = (typeof RESCUE_SEXES)[number];
export const RESCUE_SEX_LABELS: Record<RescueSex, string> = { male: '男', female: '女', unknown: '不详' };
/** found → helped → placed / returned / closed; a minor placed in a station waits in `screening` for the hospital screening. */
export const RESCUE_STATUSES = ['found', 'helped', 'screening', 'placed', 'returned', 'closed'] as const;
export type RescueStatus = (typeof RESCUE_STATUSES)[number];
export const RESCUE_STATUS_LABELS: Record<RescueStatus, string> = { found: '已发现', helped: '已救助', screening: '待筛查（未成年人）', placed: '已安置', returned: '已返乡', closed: '已结案' };
export const RESCUE_HELP_KINDS = ['food', 'lodging', 'medical', 'ticket', 'clothing', 'cash'] as const;
export type RescueHelpKind = (typeof RESCUE_HELP_KINDS)[number];
export const RESCUE_HELP_KIND_LABELS: Record<RescueHelpKind, string> = { food: '饮食', lodging: '住宿', medical: '医疗救治', ticket: '返乡车票', clothing: '衣物', cash: '现金' };
export const RESCUE_PLACEMENT_KINDS = ['station', 'home', 'hospital', 'declined'] as const;
export type RescuePlacementKind = (typeof RESCUE_PLACEMENT_KINDS)[number];
export const RESCUE_PLACEMENT_KIND_LABELS: Record<RescuePlacementKind, string> = { station: '入救助管理站安置', home: '护送返乡', hospital: '转介医院', declined: '本人拒绝救助' };
