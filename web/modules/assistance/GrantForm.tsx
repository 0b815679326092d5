import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  ASSISTANCE_REASONS,
  ASSISTANCE_REASON_LABELS,
  type Grant,
  type GrantInput,
} from '../../../common/contracts/assistance';
import { normalizeIdNumber, validIdNumber } from '../../../common/id-card';
import { MOBILE_PATTERN, normalizePhone } from '../../../common/phone';
import { regionLevel } from '../../../common/region-code';
import { errorMessage, isApiError } from '../../api/client';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { newIdempotencyKey, SendPausedError, useReliableSend } from '../../lib/reliable-send';
import { RegionPicker } from '../../components/RegionPicker';
import { SendStatus } from '../../components/SendStatus';
import { assistanceApi } from './api';
import { DuplicateWarning } from './GrantsCard';
import { formatFen, yuanRule, yuanToFen } from './money';
import { useInvalidateAssistance, useThreshold } from './queries';
import { countyOrNull } from './ThresholdForm';
import { RegistryMatch } from './RegistryMatch';
import type { Household } from '../../../common/contracts/beneficiaries';

interface Values {
  regionCode?: string;
  recipientName: string;
  recipientPhone: string;
  recipientIdNumber?: string;
  householdSize: number;
  reason: GrantInput['reason'];
  amount: string;
  provisional: boolean;
  paperworkDueOn?: Dayjs | null;
}

/** 发放临时救助: assist first, paperwork later; one Idempotency-Key per draft so a retry never pays twice. */
export function GrantForm() {
  const user = useUser();
  const { message } = App.useApp();
  const invalidate = useInvalidateAssistance();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newIdempotencyKey);
  const reliable = useReliableSend();
  const [last, setLast] = useState<Grant | null>(null);
  const [shortOfFunds, setShortOfFunds] = useState(false);
  const provisional = Form.useWatch('provisional', form) as boolean | undefined;
  const regionCode = Form.useWatch('regionCode', form) as string | undefined;
  const idNumber = Form.useWatch('recipientIdNumber', form) as string | undefined;
  const [household, setHousehold] = useState<Household | null>(null);
  // No valid ID number, no registry link.
  const validId = !!idNumber && validIdNumber(idNumber);
  useEffect(() => {
    if (!validId) setHousehold(null);
  }, [validId]);
  const linkHousehold = (h: Household | null) => {
    setHousehold(h);
    if (h) form.setFieldValue('householdSize', h.memberCount);
  };
  const threshold = useThreshold(regionCode ? countyOrNull(regionCode) : null).data;
  // Opened from a hotline case (/assistance?callId=…&region=…): the grant stops that case's payment clock.
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? undefined;
  const callRegion = params.get('region') ?? undefined;

  const submit = async (v: Values) => {
    if (!v.regionCode) return;
    const id = v.recipientIdNumber?.trim() ? normalizeIdNumber(v.recipientIdNumber) : undefined;
    const body: GrantInput = {
      regionCode: v.regionCode,
      ...(callId ? { callId } : {}),
      recipientName: v.recipientName.trim(),
      recipientPhone: normalizePhone(v.recipientPhone),
      ...(id ? { recipientIdNumber: id } : {}),
      ...(household ? { householdId: household.id } : {}),
      householdSize: v.householdSize,
      reason: v.reason,
      amountFen: yuanToFen(v.amount)!,
      provisional: v.provisional,
      ...(v.provisional && v.paperworkDueOn ? { paperworkDueOn: v.paperworkDueOn.format('YYYY-MM-DD') } : {}),
    };
    setShortOfFunds(false);
    try {
      const grant = await reliable.send(() => assistanceApi.grant(body, key));
      setKey(newIdempotencyKey());
      setLast(grant);
      form.resetFields();
      setHousehold(null);
      if (callId) setParams({}, { replace: true });
      invalidate();
      void message.success(grant.status === 'paid' ? '已发放' : '金额较大，已提交审批');
    } catch (e) {
      if (e instanceof SendPausedError) return;
      if (isApiError(e) && e.status === 422 && /IDEMPOTENCY/i.test(e.code)) setKey(newIdempotencyKey());
      if (isApiError(e, 'FUND_INSUFFICIENT')) {
        setShortOfFunds(true);
        return;
      }
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    }
  };

  return (
    <Card size="small" title="发放临时救助" className="fx-block">
      {last ? (
        <Alert
          type={last.status === 'paid' ? 'success' : 'warning'}
          showIcon
          closable={{ onClose: () => setLast(null) }}
          className="fx-block"
          title={
            last.status === 'paid'
              ? `已向 ${last.recipientName} 发放 ${formatFen(last.amountFen)}`
              : `${last.recipientName} ${formatFen(last.amountFen)}：金额较大，待另一人审批后发放`
          }
          description={
            <>
              {last.provisional && last.paperworkDueOn ? <div>请于 {last.paperworkDueOn} 前补齐手续</div> : null}
              <DuplicateWarning grant={last} />
            </>
          }
        />
      ) : null}
      {callId ? (
        <Alert type="info" showIcon className="fx-block" title="为热线个案发放" description={<Link to={`/hotline/calls/${callId}`}>查看个案</Link>} />
      ) : null}
      {shortOfFunds ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setShortOfFunds(false) }}
          className="fx-block"
          title="乡镇备用金余额不足，未发放"
          description="请联系县级民政部门拨付备用金后再发放，或减少本次金额。草稿已保留。"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ provisional: true, householdSize: 1, reason: callId ? 'illness' : 'epidemic', ...(callRegion ? { regionCode: callRegion } : {}) }}
        onFinish={(v) => void submit(v)}
        disabled={reliable.busy}
      >
        <Form.Item
          name="regionCode"
          label="救助对象所在地（乡镇/街道或村/社区）"
          rules={[
            { required: true, message: '请选择所在地' },
            {
              validator: (_, v: string | undefined) =>
                !v || ['town', 'village'].includes(regionLevel(v))
                  ? Promise.resolve()
                  : Promise.reject(new Error('请选到乡镇（街道）或村（社区）')),
            },
          ]}
        >
          <RegionPicker rootCode={user.regionCode} placeholder="输入街道、乡镇或社区名称" />
        </Form.Item>
        <Form.Item
          name="recipientName"
          label="救助对象姓名"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名' },
            { max: 50, message: '最多 50 字' },
          ]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="recipientPhone"
          label="联系电话"
          validateTrigger="onBlur"
          rules={[
            { required: true, message: '请填写联系电话' },
            {
              validator: (_, v: string | undefined) =>
                !v || MOBILE_PATTERN.test(normalizePhone(v)) || /^0\d{9,11}$/.test(normalizePhone(v))
                  ? Promise.resolve()
                  : Promise.reject(new Error('须为手机号或带区号的固定电话')),
            },
          ]}
        >
          <Input inputMode="tel" maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="recipientIdNumber"
          label="身份证号（选填）"
          extra="填写后可查出重复救助"
          validateTrigger="onBlur"
          rules={[
            {
              validator: (_, v: string | undefined) =>
                !v?.trim() || validIdNumber(v) ? Promise.resolve() : Promise.reject(new Error('身份证号有误，请核对')),
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        {validId ? (
          <RegistryMatch idNumber={normalizeIdNumber(idNumber)} linked={household} onChange={linkHousehold} />
        ) : null}
        <Form.Item
          name="householdSize"
          label="家庭人口"
          rules={[{ required: true, message: '请填写家庭人口' }]}
        >
          <InputNumber min={1} max={30} precision={0} inputMode="numeric" addonAfter="人" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="救助事由" rules={[{ required: true, message: '请选择事由' }]}>
          <Radio.Group
            optionType="button"
            options={ASSISTANCE_REASONS.map((r) => ({ value: r, label: ASSISTANCE_REASON_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label="救助金额（元）"
          rules={[{ required: true, message: '请输入金额' }, yuanRule]}
          extra={threshold ? `超过 ${formatFen(threshold.thresholdFen)} 须另一人审批后发放` : undefined}
        >
          <Input inputMode="decimal" prefix="¥" placeholder="如 1500" autoComplete="off" maxLength={15} />
        </Form.Item>
        <Form.Item
          name="provisional"
          label="先行救助、后补手续"
          valuePropName="checked"
          extra={provisional === false ? '手续齐全后发放' : '立即发放，手续限期补齐'}
        >
          <Switch />
        </Form.Item>
        {provisional !== false ? (
          <Form.Item name="paperworkDueOn" label="手续补齐期限（选填）">
            <DatePicker style={{ width: '100%' }} inputReadOnly placeholder="不填按默认期限" />
          </Form.Item>
        ) : null}
        <SendStatus state={reliable.state} onRetryNow={reliable.retryNow} onStop={reliable.stop} />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          icon={<SendOutlined />}
          loading={reliable.busy}
          style={{ marginTop: 8 }}
        >
          发放
        </Button>
      </Form>
    </Card>
  );
}
