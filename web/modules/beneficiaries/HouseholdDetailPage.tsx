import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  message,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import {
  BENEFICIARY_PROGRAMME_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  MEMBER_RELATION_LABELS,
} from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { StatusTag } from './labels';
import type { Revealed } from '../../../common/contracts/beneficiaries';
import { beneficiariesApi, useBeneficiaryWrite, useHousehold } from './queries';
import { EnrolmentActions } from './EnrolmentActions';
import { FinancesValue } from './finances';

function RevealButton({ id, onRevealed }: { id: string; onRevealed: (r: Revealed) => void }) {
  const [open, setOpen] = useState(false);
  const reveal = useBeneficiaryWrite((reason: string) => beneficiariesApi.reveal(id, reason));
  return (
    <>
      <Button onClick={() => setOpen(true)}>查看完整信息</Button>
      <Modal
        title="查看完整个人信息"
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">查看将记入审计日志，请说明原因。</Typography.Paragraph>
        <Form
          layout="vertical"
          onFinish={(v: { reason: string }) =>
            reveal.mutate(v.reason, {
              onSuccess: (r) => {
                onRevealed(r);
                setOpen(false);
              },
              onError: (e) => void message.error(errorMessage(e)),
            })
          }
        >
          <Form.Item
            name="reason"
            label="原因"
            rules={[{ required: true, min: 5, message: '请说明查看原因（至少 5 个字）' }]}
          >
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={reveal.isPending} block>
            查看
          </Button>
        </Form>
      </Modal>
    </>
  );
}

const NEXT: Record<string, Array<{ status: 'suspended' | 'exited' | 'active'; label: string }>> = {
  active: [
    { status: 'suspended', label: '暂停' },
    { status: 'exited', label: '退出' },
  ],
  suspended: [
    { status: 'active', label: '恢复' },
    { status: 'exited', label: '退出' },
  ],
  exited: [{ status: 'active', label: '恢复' }],
};

function StatusChange({ id, current }: { id: string; current: string }) {
  const [open, setOpen] = useState(false);
  const change = useBeneficiaryWrite((v: { status: 'suspended' | 'exited' | 'active'; reason: string }) =>
    beneficiariesApi.status(id, v),
  );
  const options = NEXT[current] ?? [];
  if (options.length === 0) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>变更状态</Button>
      <Modal title="变更状态" open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ status: options[0]!.status }}
          onFinish={(v: { status: 'suspended' | 'exited' | 'active'; reason: string }) =>
            change.mutate(v, {
              onSuccess: () => setOpen(false),
              onError: (e) => void message.error(errorMessage(e)),
            })
          }
        >
          <Form.Item name="status" label="变更为">
            <Select options={options.map((o) => ({ value: o.status, label: o.label }))} />
          </Form.Item>
          <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请填写原因' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} block>
            确定
          </Button>
        </Form>
      </Modal>
    </>
  );
}

/** A household: members (masked), status history, reveal with a reason, status changes and enrolment steps. */
export function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const q = useHousehold(id);
  const canReveal = useCan('personal:reveal');
  const canManage = useCan('beneficiaries:manage');
  const [plain, setPlain] = useState<Revealed | null>(null);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const h = q.data;
  if (!h) return null;
  const plainOf = (memberId: string) => plain?.members.find((m) => m.id === memberId);
  const head = h.members.find((m) => m.relation === 'head');
  const headName = (head && plainOf(head.id)?.name) ?? h.headName;
  return (
    <div>
      <PageHeader
        top={<Link to="/beneficiaries">← 救助对象</Link>}
        title={`${headName} 户`}
        subtitle={<StatusTag status={h.status} />}
        extra={
          <Space wrap>
            {canReveal && !plain && <RevealButton id={id} onRevealed={setPlain} />}
            {canManage && <StatusChange id={id} current={h.status} />}
          </Space>
        }
      />
      {plain && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="正在显示完整个人信息，本次查看已记入审计日志"
          action={
            <Button size="small" onClick={() => setPlain(null)}>
              隐藏
            </Button>
          }
        />
      )}
      <EnrolmentActions household={h} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="类别">{BENEFICIARY_PROGRAMME_LABELS[h.programme]}</Descriptions.Item>
          <Descriptions.Item label="所在地">{h.regionName}</Descriptions.Item>
          <Descriptions.Item label="住址">{plain?.address ?? h.address}</Descriptions.Item>
          <Descriptions.Item label="人数">
            {h.memberCount}
            {h.livingAlone ? '（独居）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="家庭经济状况">
            <FinancesValue recorded={h.financesRecorded} plain={plain} />
          </Descriptions.Item>
          <Descriptions.Item label="登记">
            {h.createdByName} {formatMinute(h.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="家庭成员" style={{ marginBottom: 12 }}>
        <List
          dataSource={h.members}
          renderItem={(m) => {
            const p = plainOf(m.id);
            return (
              <List.Item>
                <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  <Space wrap>
                    <Typography.Text strong>{p?.name ?? m.name}</Typography.Text>
                    <Tag>{MEMBER_RELATION_LABELS[m.relation]}</Tag>
                    <span>{m.age} 岁</span>
                    {m.age >= 80 && <Tag color="volcano">80岁以上</Tag>}
                    {m.disability && <Tag color="purple">残疾</Tag>}
                  </Space>
                  <div>{p?.idNumber ?? m.idNumber}</div>
                  {(p?.phone ?? m.phone) && (
                    <div>{p?.phone ? <a href={`tel:${p.phone}`}>{p.phone}</a> : m.phone}</div>
                  )}
                </div>
              </List.Item>
            );
          }}
        />
      </Card>
      <Card size="small" title="状态历史">
        <Timeline
          items={h.events.map((e) => ({
            children: (
              <div>
                <strong>{HOUSEHOLD_STATUS_LABELS[e.status]}</strong> · {e.byName} ·{' '}
                <span style={{ whiteSpace: 'nowrap' }}>{formatMinute(e.at)}</span>
                {e.note && <div style={{ overflowWrap: 'anywhere' }}>{e.note}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
