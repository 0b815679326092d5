import { Button, Card, Checkbox, Form, Input, Select, Space, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  ENROLMENT_PROGRAMMES,
  idNumberProblem,
  type CreateHouseholdInput,
} from '../../../common/contracts/beneficiaries';
import {
  BENEFICIARY_PROGRAMME_LABELS,
  BENEFICIARY_PROGRAMMES,
  MEMBER_RELATION_LABELS,
  MEMBER_RELATIONS,
} from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { useUser } from '../../lib/auth';
import { FinancesCard, financesInput, type FinancesFields } from './finances';
import { beneficiariesApi, useBeneficiaryWrite } from './queries';

type Submitted = CreateHouseholdInput & { note?: string };
type Values = Omit<Submitted, 'finances'> & { finances?: FinancesFields };

/** 登记家庭 (active at once) or, with ?apply=1, 受理申请 for 低保/特困 (starts as applied). */
export function HouseholdFormPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const apply = params.get('apply') === '1';
  const [form] = Form.useForm<Values>();
  const save = useBeneficiaryWrite((v: Submitted) =>
    apply
      ? beneficiariesApi.apply(v as Parameters<typeof beneficiariesApi.apply>[0])
      : beneficiariesApi.create(v),
  );
  const programmes = apply ? ENROLMENT_PROGRAMMES : BENEFICIARY_PROGRAMMES;
  const submit = (v: Values) =>
    save.mutate(
      {
        ...v,
        finances: financesInput(v.finances),
        members: v.members.map((m) => ({
          ...m,
          phone: m.phone?.trim() || undefined,
          disability: !!m.disability,
        })),
      },
      {
        onSuccess: (h) => {
          void message.success(apply ? '已受理申请' : '已登记');
          void navigate(`/beneficiaries/${h.id}`);
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader
        top={<Link to="/beneficiaries">← 救助对象</Link>}
        title={apply ? '受理低保特困申请' : '登记救助对象家庭'}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ members: [{ relation: 'head' }] }}
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item
            name="regionCode"
            label="所在村(社区)或乡镇(街道)"
            rules={[{ required: true, message: '请选择区划' }]}
          >
            <RegionPicker rootCode={user.regionCode} />
          </Form.Item>
          <Form.Item
            name="address"
            label="家庭住址"
            rules={[{ required: true, min: 2, message: '请填写家庭住址' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="programme"
            label="救助类别"
            rules={[{ required: true, message: '请选择救助类别' }]}
          >
            <Select options={programmes.map((p) => ({ value: p, label: BENEFICIARY_PROGRAMME_LABELS[p] }))} />
          </Form.Item>
          {apply && (
            <Form.Item name="note" label="受理说明">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </Card>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`成员 ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                >
                  <Form.Item
                    name={[f.name, 'name']}
                    label="姓名"
                    rules={[{ required: true, message: '请填写姓名' }]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'idNumber']}
                    label="身份证号"
                    rules={[
                      { required: true, message: '请填写身份证号' },
                      {
                        validator: async (_r, v: string) => {
                          const p = v ? idNumberProblem(v) : null;
                          if (p) throw new Error(p);
                        },
                      },
                    ]}
                  >
                    <Input maxLength={18} inputMode="text" />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item
                      name={[f.name, 'relation']}
                      label="与户主关系"
                      rules={[{ required: true, message: '请选择' }]}
                    >
                      <Select
                        style={{ width: 140 }}
                        options={MEMBER_RELATIONS.map((r) => ({
                          value: r,
                          label: MEMBER_RELATION_LABELS[r],
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} label="联系电话">
                      <Input maxLength={20} inputMode="tel" style={{ width: 180 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item
                    name={[f.name, 'disability']}
                    valuePropName="checked"
                    style={{ marginBottom: 0 }}
                  >
                    <Checkbox>残疾</Checkbox>
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ relation: 'child' })}
                block
                style={{ marginBottom: 12 }}
              >
                添加成员
              </Button>
            </>
          )}
        </Form.List>
        <FinancesCard />
        <Button type="primary" htmlType="submit" loading={save.isPending} block>
          {apply ? '受理' : '登记'}
        </Button>
      </Form>
    </div>
  );
}
