import ExcelJS from 'exceljs';
import { BENEFICIARY_PROGRAMME_LABELS, MEMBER_RELATION_LABELS } from '../../../common/enums';
import { IMPORT_HEADERS, REQUIRED_HEADERS, type ImportField } from './beneficiaries.rows';

/** The import template: the header row (required columns marked *), two example households, and the allowed values. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('救助对象');
  const fields = Object.keys(IMPORT_HEADERS) as ImportField[];
  ws.columns = fields.map((f) => ({
    header: `${IMPORT_HEADERS[f]}${REQUIRED_HEADERS.includes(f) ? '*' : ''}`,
    width: f === 'address' ? 36 : 18,
  }));
  ws.getRow(1).font = { bold: true };
  // ID numbers and codes are text: a number format would round 18 digits.
  for (const f of ['key', 'regionCode', 'idNumber', 'phone'] as ImportField[])
    ws.getColumn(fields.indexOf(f) + 1).numFmt = '@';
  ws.addRow([
    'H0001',
    '620503100001',
    '社棠镇某村 1 组 12 号',
    '农村低保',
    '户主',
    '王某某',
    '620503194501010014',
    '13800001234',
    '否',
  ]);
  ws.addRow(['H0001', '', '', '', '配偶', '李某某', '620503194803020021', '', '是']);
  ws.addRow([
    'H0002',
    '620503100001',
    '社棠镇某村 2 组 3 号',
    '特困（分散供养）',
    '户主',
    '赵某某',
    '620503193911110037',
    '',
    '否',
  ]);
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 20 }, { width: 80 }];
  help.addRow(['列', '说明']).font = { bold: true };
  help.addRow(['户编号', '同一户的成员填写相同的户编号，并排在相邻的行；只读取第一个工作表']);
  help.addRow([
    '区划代码',
    '12 位（或 9 位乡镇）统计用区划代码，须为乡镇(街道)或村(社区)；同户只需在第一行填写',
  ]);
  help.addRow(['救助类别', Object.values(BENEFICIARY_PROGRAMME_LABELS).join('、')]);
  help.addRow(['与户主关系', `${Object.values(MEMBER_RELATION_LABELS).join('、')}（每户一名户主）`]);
  help.addRow(['身份证号', '18 位公民身份号码，校验码须正确；请以文本格式填写']);
  help.addRow(['是否残疾', '是 / 否（留空为否）']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
