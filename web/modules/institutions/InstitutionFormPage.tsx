import { useEffect, useState } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Skeleton, Switch } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  PHONE_PATTERN,
  type CreateInstitutionInput,
  type Institution,
  type UpdateInstitutionInput,
} from '../../../common/contracts/institutions';
import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES, RESIDENTIAL_TYPES } from '../../../common/enums';
import { regionLevel } from '../../../common/region-code';
import { institutionsApi } from '../../api/institutions';
import { errorMessage, isApiError } from '../../api/client';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { useInstitution, useInvalidateInstitutions } from './queries';

interface InstitutionForm {
  name: string;
  type?: CreateInstitutionInput['type'];
  regionCode?: string;
  address: string;
  lat?: number | null;
  lng?: number | null;
  beds?: number | null;
  residents?: number | null;
  housesTekun: boolean;
  staff?: number | null;
  responsiblePerson: string;
  responsiblePhone: string;
  dutyPhone?: string;
}

const countRules = (label: string) => [{ required: true, message: `请填写${label}（没有请填 0）` }];

function toForm(i: Institution): InstitutionForm {
  return {
    name: i.name,
    type: i.type,
    regionCode: i.regionCode,
    address: i.address,
    lat: i.lat,
    lng: i.lng,
    beds: i.beds,
    residents: i.residents,
    housesTekun: i.housesTekun,
    staff: i.staff,
    responsiblePerson: i.responsiblePerson,
    responsiblePhone: i.responsiblePhone,
    dutyPhone: i.dutyPhone ?? '',
  };
}

function toInput(v: InstitutionForm): CreateInstitutionInput {
  return {
    name: v.name.trim(),
    type: v.type!,
    regionCode: v.regionCode!,
    address: v.address.trim(),
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    beds: v.beds ?? 0,
    residents: v.residents ?? 0,
    housesTekun: v.housesTekun,
    staff: v.staff ?? 0,
    responsiblePerson: v.responsiblePerson.trim(),
    responsiblePhone: v.responsiblePhone.trim(),
    dutyPhone: v.dutyPhone?.trim() ? v.dutyPhone.trim() : null,
  };
}

/** The fields that differ from the stored institution (PATCH sends only those). */
function changes(
  input: CreateInstitutionInput,
  before: Institution,
): Omit<UpdateInstitutionInput, 'version'> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v !== (before as unknown as Record<string, unknown>)[k]) out[k] = v;
  }
  return out as Omit<UpdateInstitutionInput, 'version'>;
}

/** /institutions/new and /institutions/:id/edit */
export function InstitutionFormPage() {
  const { id } = useParams<{ id: string }>();
  if (!id) return <InstitutionEditor />;
  return <EditLoader id={id} />;
}

function EditLoader({ id }: { id: string }) {
  const detail = useInstitution(id);
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton active />;
  return <InstitutionEditor existing={detail.data} onReload={() => detail.refetch().then((r) => r.data)} />;
}

function InstitutionEditor({
  existing,
  onReload,
}: {
  existing?: Institution;
  onReload?: () => Promise<Institution | undefined>;
}) {
  const me = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const invalidate = useInvalidateInstitutions();
  const [form] = Form.useForm<InstitutionForm>();
  const [base, setBase] = useState<Institution | undefined>(existing);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (existing) form.setFieldsValue(toForm(existing));
  }, [existing, form]);

  const back = existing ? `/institutions/${existing.id}` : '/institutions';

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    setConflict(false);
    try {
      const input = toInput(values);
      if (!base) {
        const created = await institutionsApi.create(input);
        message.success(`已登记“${created.name}”`);
        invalidate();
        void navigate(`/institutions/${created.id}`, { replace: true });
        return;
      }
      const diff = changes(input, base);
      if (Object.keys(diff).length === 0) {
        message.info('没有需要保存的修改');
        return;
      }
      await institutionsApi.update(base.id, { version: base.version, ...diff });
      message.success('已保存');
      invalidate();
      void navigate(`/institutions/${base.id}`, { replace: true });
    } catch (e) {
      if (isApiError(e, 'VERSION_CONFLICT') && onReload) {
        // Someone else saved first: load their version, then say so (the banner claims it is loaded),
        // and the user re-applies the change knowingly.
        const fresh = await onReload().catch(() => undefined);
        if (fresh) {
          setBase(fresh);
          form.setFieldsValue(toForm(fresh));
        }
        setConflict(true);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      } else if (isApiError(e, 'INSTITUTION_DUPLICATE')) {
        form.setFields([{ name: 'name', errors: [e.message] }]);
      } else if (isApiError(e, 'INSTITUTION_REGION_LEVEL')) {
        form.setFields([{ name: 'regionCode', errors: [e.message] }]);
      } else if (!applyServerErrors(form, e)) {
        setError(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="fx-form-page">
      <PageHeader
        top={
          <Link to={back} className="fx-back">
            <ArrowLeftOutlined /> {existing ? existing.name : '机构名录'}
          </Link>
        }
        title={existing ? '编辑机构信息' : '登记机构'}
        subtitle={existing ? '状态请在详情页通过“变更状态”调整' : `登记在 ${me.regionName} 管辖范围内`}
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title="该机构刚被他人修改"
          description="已重新载入最新信息，您的修改未保存。请核对后重新修改并保存。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<InstitutionForm>
        form={form}
        layout="vertical"
        initialValues={{ housesTekun: false, beds: 0, residents: 0, staff: 0 }}
        scrollToFirstError
      >
        <Card size="small" title="基本信息" className="fx-block">
          <Form.Item
            name="name"
            label="机构名称"
            rules={[
              { required: true, whitespace: true, message: '请填写机构名称' },
              { min: 2, max: 100, message: '机构名称为 2–100 个字' },
            ]}
          >
            <Input placeholder="例如：老城街道养老院" />
          </Form.Item>
          <Form.Item name="type" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select
              placeholder="请选择"
              options={INSTITUTION_TYPES.map((t) => ({
                value: t,
                label: `${INSTITUTION_TYPE_LABELS[t]}${RESIDENTIAL_TYPES.includes(t) ? '（住宿类）' : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label="所在区划"
            extra="选择机构所在的乡镇(街道)或村(社区)，可输入名称搜索"
            rules={[
              { required: true, message: '请选择所在区划' },
              {
                validator: (_, v: string | undefined) =>
                  !v || ['town', 'village'].includes(regionLevel(v))
                    ? Promise.resolve()
                    : Promise.reject(new Error('须选择乡镇(街道)或村(社区)，不能直接选县市')),
              },
            ]}
          >
            <RegionPicker rootCode={me.regionCode} />
          </Form.Item>
          <Form.Item
            name="address"
            label="地址"
            rules={[
              { required: true, whitespace: true, message: '请填写地址' },
              { min: 2, max: 200, message: '地址为 2–200 个字' },
            ]}
          >
            <Input placeholder="例如：红花岗区老城街道中华路 1 号" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="lat" label="纬度（选填）" style={{ flex: 1 }}>
              <InputNumber min={3} max={54} step={0.000001} style={{ width: '100%' }} placeholder="27.70" />
            </Form.Item>
            <Form.Item name="lng" label="经度（选填）" style={{ flex: 1 }}>
              <InputNumber
                min={73}
                max={136}
                step={0.000001}
                style={{ width: '100%' }}
                placeholder="106.93"
              />
            </Form.Item>
          </Flex>
        </Card>
        <Card size="small" title="规模" className="fx-block">
          <Flex gap={12} wrap className="fx-form-row">
            <Form.Item name="beds" label="床位数" rules={countRules('床位数')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="residents" label="服务对象（人）" rules={countRules('服务对象人数')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="staff" label="工作人员（人）" rules={countRules('工作人员人数')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="housesTekun"
            label="集中供养特困人员"
            valuePropName="checked"
            extra="机构内是否集中供养特困人员"
          >
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Card>
        <Card size="small" title="责任人与联系方式" className="fx-block">
          <Form.Item
            name="responsiblePerson"
            label="第一责任人"
            rules={[
              { required: true, whitespace: true, message: '请填写第一责任人' },
              { max: 50, message: '最多 50 个字' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="responsiblePhone"
            label="责任人电话"
            extra="手机号，或带区号的固定电话，如 0851-28221234"
            rules={[
              { required: true, whitespace: true, message: '请填写责任人电话' },
              { pattern: PHONE_PATTERN, message: '须为手机号或带区号的固定电话' },
            ]}
          >
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item
            name="dutyPhone"
            label="值班电话（选填）"
            rules={[{ pattern: PHONE_PATTERN, message: '须为手机号或带区号的固定电话' }]}
          >
            <Input inputMode="tel" />
          </Form.Item>
        </Card>
        <Flex gap={8} justify="flex-end" className="fx-form-actions">
          <Button onClick={() => void navigate(back)}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            {existing ? '保存修改' : '登记'}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
