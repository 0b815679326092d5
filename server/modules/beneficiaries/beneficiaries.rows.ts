import { idNumberProblem } from '../../../common/contracts/beneficiaries';
import type { BeneficiaryProgramme, MemberRelation } from '../../../common/enums';
import { normalizeIdNumber } from '../../../common/id-card';
import { MOBILE_PATTERN, normalizePhone } from '../../../common/phone';
import type { ImportRowError } from '../../../common/contracts/beneficiaries';
import { parseProgramme, parseRelation } from './beneficiaries.rules';

/** The import sheet: one row per member; rows with the same 户编号 (on consecutive rows) are one household. */
export const IMPORT_HEADERS = {
  key: '户编号',
  regionCode: '区划代码',
  address: '家庭住址',
  programme: '救助类别',
  relation: '与户主关系',
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  disability: '是否残疾',
} as const;
export type ImportField = keyof typeof IMPORT_HEADERS;
export const REQUIRED_HEADERS: ImportField[] = [
  'key',
  'regionCode',
  'programme',
  'relation',
  'name',
  'idNumber',
];

export interface ParsedRow {
  row: number;
  key: string;
  /** Household fields: required on the first row of a household, optional (but equal) on the others. */
  regionCode: string;
  address: string;
  programme: BeneficiaryProgramme | null;
  programmeText: string;
  member: {
    name: string;
    idNumber: string;
    phone?: string;
    relation: MemberRelation;
    disability: boolean;
  } | null;
  errors: ImportRowError[];
}

const YES = new Set(['是', '有', 'Y', 'y', 'yes', '1', 'TRUE', 'true']);
const NO = new Set(['', '否', '无', 'N', 'n', 'no', '0', 'FALSE', 'false']);

/** Checks one sheet row on its own (no database): every problem with its column and a Chinese message. */
export function validateRow(row: number, get: (f: ImportField) => string): ParsedRow {
  const errors: ImportRowError[] = [];
  const err = (f: ImportField, message: string) => errors.push({ row, field: IMPORT_HEADERS[f], message });
  const key = get('key');
  if (!key) err('key', '缺少户编号');
  const regionText = get('regionCode').replace(/\s/g, '');
  let regionCode = '';
  if (regionText) {
    if (/^\d{9}$|^\d{12}$/.test(regionText)) regionCode = regionText.padEnd(12, '0');
    else err('regionCode', `区划代码「${regionText}」须为 9 位或 12 位数字`);
  }
  const programmeText = get('programme');
  const programme = programmeText ? parseProgramme(programmeText) : null;
  if (programmeText && !programme)
    err(
      'programme',
      `救助类别「${programmeText}」未知（可填：城市低保、农村低保、特困（集中供养）、特困（分散供养）、困难残疾人、困境儿童、孤儿）`,
    );
  const relationText = get('relation');
  const relation = relationText ? parseRelation(relationText) : null;
  if (!relationText) err('relation', '缺少与户主关系');
  else if (!relation)
    err('relation', `与户主关系「${relationText}」未知（可填：户主、配偶、子女、父母、其他）`);
  const name = get('name');
  if (!name) err('name', '缺少姓名');
  else if ([...name].length > 50) err('name', '姓名过长');
  const idNumber = normalizeIdNumber(get('idNumber'));
  const idProblem = /^\d+(\.\d+)?E\+\d+$/i.test(idNumber)
    ? '身份证号被 Excel 当作数字（科学计数法），请把该列设为文本后重新填写'
    : idNumberProblem(idNumber);
  if (idProblem) err('idNumber', idProblem);
  const phoneText = get('phone');
  const phone = phoneText ? normalizePhone(phoneText) : '';
  if (phoneText && !(MOBILE_PATTERN.test(phone) || /^0\d{9,11}$/.test(phone)))
    err('phone', '联系电话须为手机号或带区号的固定电话');
  const disabilityText = get('disability');
  if (!YES.has(disabilityText) && !NO.has(disabilityText)) err('disability', '是否残疾须填写「是」或「否」');
  const address = get('address');
  if ([...address].length > 200) err('address', '家庭住址过长（最多 200 字）');
  const member =
    errors.length === 0 && relation
      ? { name, idNumber, relation, disability: YES.has(disabilityText), ...(phone ? { phone } : {}) }
      : null;
  return { row, key, regionCode, address, programme, programmeText, member, errors };
}
