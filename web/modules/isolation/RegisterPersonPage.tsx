import '../../components/work-pages.css';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { businessDay } from '../../../common/business-day';
import { ISOLATION_ROLES, ISOLATION_ROLE_LABELS } from '../../../common/contracts/isolation';
import { ISOLATION_REASONS, ISOLATION_REASON_LABELS, type IsolationReason } from '../../../common/enums';
import { normalizeIdNumber, validIdNumber } from '../../../common/id-card';
import { errorMessage } from '../../api/client';
import { InstitutionSelect } from '../../components/InstitutionSelect';
import { PageHeader } from '../../components/PageHeader';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { usePolicy, useRegister } from './queries';

interface Values {
  institutionId: string;
  role: (typeof ISOLATION_ROLES)[number];
  reason: IsolationReason;
  name: string;
  idNumber?: string;
  startDate: Dayjs;
}

/** Registers a person for isolation before admission or return to work. */
export function RegisterPersonPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const register = useRegister();
  const reason = Form.useWatch('reason', form);
  const policy = usePolicy(user.regionCode);
  const today = businessDay(new Date());
  const noIdExpected = reason === 'foundling' || reason === 'vagrant_minor';

  const submit = (v: Values) => {
    const idNumber = v.idNumber?.trim() ? normalizeIdNumber(v.idNumber) : undefined;
    register.mutate(
      {
        institutionId: v.institutionId,
        role: v.role,
        reason: v.reason,
        name: v.name.trim(),
        ...(idNumber ? { idNumber } : {}),
        startDate: v.startDate.format('YYYY-MM-DD'),
      },
      {
        onSuccess: (p) => {
          void message.success(`已登记，最早 ${p.earliestRelease} 可解除隔离`);
          void navigate(`/isolation/${p.id}`, { replace: true });
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  };

  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to="/isolation" className="fx-muted">
            <ArrowLeftOutlined /> 入院前隔离
          </Link>
        }
        title="登记隔离人员"
        subtitle={policy.data ? `现行隔离期 ${policy.data.days} 天，开始当天算第 1 天` : undefined}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          institutionId: user.institutionId ?? params.get('institutionId') ?? undefined,
          role: 'resident',
          reason: 'returning',
          startDate: dayjs(today),
        }}
      >
        <Form.Item
          name="institutionId"
          label="机构"
          rules={[{ required: true, message: '请选择机构' }]}
          hidden={!!user.institutionId}
        >
          <InstitutionSelect region={user.regionCode} />
        </Form.Item>
        <Form.Item name="reason" label="隔离原因" rules={[{ required: true }]}>
          <Select options={ISOLATION_REASONS.map((r) => ({ value: r, label: ISOLATION_REASON_LABELS[r] }))} />
        </Form.Item>
        <Form.Item
          name="role"
          label="身份"
          dependencies={['reason']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                getFieldValue('reason') === 'returning' || v === 'resident'
                  ? Promise.resolve()
                  : Promise.reject(new Error('新入住、弃婴和流浪未成年人须登记为服务对象')),
            }),
          ]}
        >
          <Radio.Group
            optionType="button"
            options={ISOLATION_ROLES.map((r) => ({ value: r, label: ISOLATION_ROLE_LABELS[r] }))}
          />
        </Form.Item>
        {noIdExpected ? (
          <Alert
            className="fx-block"
            type="info"
            showIcon
            title="弃婴和流浪未成年人须先到定点医院筛查，登记筛查结论后方可入院。"
          />
        ) : null}
        <Form.Item
          name="name"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input
            maxLength={50}
            autoComplete="off"
            placeholder={noIdExpected ? '不知姓名可填临时称呼' : undefined}
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          extra="加密保存，列表中只显示脱敏号码"
          rules={[
            { required: !noIdExpected, message: '请填写身份证号' },
            {
              validator: (_, v: string | undefined) =>
                !v?.trim() || validIdNumber(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error('身份证号不正确（18 位，校验位不符或出生日期无效）')),
            },
          ]}
        >
          <Input
            maxLength={18}
            autoComplete="off"
            inputMode="text"
            placeholder={noIdExpected ? '没有可不填' : '18 位'}
          />
        </Form.Item>
        <Form.Item name="startDate" label="隔离开始日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            inputReadOnly
            allowClear={false}
            style={{ width: '100%' }}
            disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" className="fx-small">
          期满、检测阴性且无症状后方可办理入院或返岗。
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" block size="large" loading={register.isPending}>
          登记
        </Button>
      </Form>
    </div>
  );
}
