import type { Institution } from '../../../common/contracts/institutions';
import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES, type InstitutionType } from '../../../common/enums';
import type { Column } from '../../core/excel';

/** The spreadsheet columns: the same Chinese headers for the import template and the export. */
export const FIELD_HEADERS = {
  name: '机构名称',
  type: '机构类型',
  regionCode: '区划代码',
  address: '地址',
  lat: '纬度',
  lng: '经度',
  beds: '床位数',
  residents: '服务对象数',
  housesTekun: '集中供养特困人员',
  staff: '工作人员数',
  responsiblePerson: '第一责任人',
  responsiblePhone: '责任人电话',
  dutyPhone: '值班电话',
} as const;

export type ImportField = keyof typeof FIELD_HEADERS;

export const EXPORT_COLUMNS: Column<Institution>[] = [
  { header: FIELD_HEADERS.name, width: 30, value: (i) => i.name },
  { header: FIELD_HEADERS.type, width: 18, value: (i) => INSTITUTION_TYPE_LABELS[i.type] },
  { header: FIELD_HEADERS.regionCode, width: 15, value: (i) => i.regionCode },
  { header: '所在区划', width: 18, value: (i) => i.regionName },
  { header: FIELD_HEADERS.address, width: 36, value: (i) => i.address },
  { header: FIELD_HEADERS.lat, width: 10, value: (i) => i.lat },
  { header: FIELD_HEADERS.lng, width: 10, value: (i) => i.lng },
  { header: FIELD_HEADERS.beds, width: 9, value: (i) => i.beds },
  { header: FIELD_HEADERS.residents, width: 11, value: (i) => i.residents },
  { header: FIELD_HEADERS.housesTekun, width: 16, value: (i) => (i.housesTekun ? '是' : '否') },
  { header: FIELD_HEADERS.staff, width: 11, value: (i) => i.staff },
  { header: FIELD_HEADERS.responsiblePerson, width: 12, value: (i) => i.responsiblePerson },
  { header: FIELD_HEADERS.responsiblePhone, width: 15, value: (i) => i.responsiblePhone },
  { header: FIELD_HEADERS.dutyPhone, width: 15, value: (i) => i.dutyPhone },
  { header: '当前状态', width: 14, value: (i) => INSTITUTION_STATUS_LABELS[i.status] },
  { header: '状态起始日', width: 12, value: (i) => i.statusSince },
];

/** Accepts the Chinese label or the stable key of a type. */
export function parseType(text: string): InstitutionType | null {
  const t = text.trim();
  if ((INSTITUTION_TYPES as readonly string[]).includes(t)) return t as InstitutionType;
  const hit = INSTITUTION_TYPES.find((k) => INSTITUTION_TYPE_LABELS[k] === t);
  return hit ?? null;
}

export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['是', 'true', '1', 'y', 'yes'].includes(t)) return true;
  if (['否', 'false', '0', 'n', 'no', ''].includes(t)) return false;
  return null;
}
