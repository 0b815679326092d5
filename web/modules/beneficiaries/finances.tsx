import { Card, Form, Input, Typography } from 'antd';
import type { HouseholdFinances, Revealed } from '../../../common/contracts/beneficiaries';
import { formatFen, yuanToFen } from '../assistance/money';

/** The form's finance fields as typed: income in yuan (text), all optional. */
export interface FinancesFields {
  income?: string | undefined;
  assets?: string | undefined;
  note?: string | undefined;
}

const blank = (s: string | undefined) => !s?.trim();

/** The typed fields as the contract's finances (yuan to fen); undefined when nothing was filled in. */
export function financesInput(f: FinancesFields | undefined): HouseholdFinances | undefined {
  if (!f || (blank(f.income) && blank(f.assets) && blank(f.note))) return undefined;
  return {
    monthlyIncomeFen: yuanToFen(f.income) ?? 0,
    assets: f.assets?.trim() || undefined,
    note: f.note?.trim() || undefined,
  };
}

/** Income in yuan: at most two decimals and ¥1,000,000; required once assets or a note are given. */
const incomeRule = ({ getFieldValue }: { getFieldValue: (name: string[]) => unknown }) => ({
  validator: async (_: unknown, v: string | undefined) => {
    if (blank(v)) {
      const other = ['assets', 'note'].some(
        (k) => !blank(getFieldValue(['finances', k]) as string | undefined),
      );
      if (other) throw new Error('请填写月收入（无收入填 0）');
      return;
    }
    const fen = yuanToFen(v);
    if (fen === null) throw new Error('请输入金额（元），最多两位小数');
    if (fen > 100_000_000) throw new Error('月收入过大');
  },
});

/** 家庭经济状况 (optional): stored encrypted, shown only through 查看完整信息. */
export function FinancesCard() {
  return (
    <Card size="small" title="家庭经济状况（选填）" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">加密保存，仅在说明原因查看完整信息时显示。</Typography.Paragraph>
      <Form.Item
        name={['finances', 'income']}
        label="收入（元/月）"
        dependencies={[
          ['finances', 'assets'],
          ['finances', 'note'],
        ]}
        rules={[incomeRule]}
      >
        <Input inputMode="decimal" maxLength={16} placeholder="家庭月收入，无收入填 0" />
      </Form.Item>
      <Form.Item name={['finances', 'assets']} label="资产">
        <Input maxLength={200} placeholder="如：住房、车辆、存款" />
      </Form.Item>
      <Form.Item name={['finances', 'note']} label="备注" style={{ marginBottom: 0 }}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </Card>
  );
}

/** The detail page's 家庭经济状况: the revealed figures, or only whether any are on record. */
export function FinancesValue({ recorded, plain }: { recorded: boolean; plain: Revealed | null }) {
  if (!recorded) return <>未登记</>;
  const f = plain?.finances;
  if (!f) return <>已登记（查看完整信息后显示）</>;
  return (
    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
      <div>收入 {formatFen(f.monthlyIncomeFen)}/月</div>
      {f.assets && <div>资产：{f.assets}</div>}
      {f.note && <div>备注：{f.note}</div>}
    </div>
  );
}
