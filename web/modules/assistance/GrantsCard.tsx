import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Segmented, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ASSISTANCE_REASON_LABELS, type Grant } from '../../../common/contracts/assistance';
import { errorMessage, isApiError } from '../../api/client';
import { useCan } from '../../lib/auth';
import { formatDate, formatMinute } from '../../lib/format';
import { DataView } from '../../components/DataView';
import { QueryError } from '../../components/QueryError';
import { assistanceApi, type PaperworkFilter } from './api';
import { HouseholdMembers } from './HouseholdMembers';
import { formatFen } from './money';
import { useGrants, useInvalidateAssistance } from './queries';

type Filter = PaperworkFilter | 'all';

const PAPERWORK_LABELS: Record<PaperworkFilter, string> = { open: '待补手续', completed: '手续已补齐', written_off: '已核销' };
const STATUS_LABELS: Record<Grant['status'], string> = { paid: '已发放', pending_approval: '待审批', rejected: '未通过' };
const STATUS_COLORS: Record<Grant['status'], string> = { paid: 'green', pending_approval: 'orange', rejected: 'default' };

const today = () => new Date().toISOString().slice(0, 10);

/** Open paperwork (a debt to the rules) first, the earliest due date first; then the rest, newest first. */
export function openDebtsFirst(rows: Grant[]): Grant[] {
  const rank = (g: Grant) => (g.status === 'pending_approval' ? 0 : g.paperworkStatus === 'open' ? 1 : 2);
  return [...rows].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (rank(a) === 1) return (a.paperworkDueOn ?? '9999').localeCompare(b.paperworkDueOn ?? '9999');
    return b.createdAt.localeCompare(a.createdAt);
  });
}

export function DuplicateWarning({ grant }: { grant: Grant }) {
  if (grant.duplicates.length === 0) return null;
  return (
    <div className="fx-danger fx-small" data-testid="grant-duplicates">
      ⚠ 同一身份证号或电话已有 {grant.duplicates.length} 笔救助：
      {grant.duplicates
        .slice(0, 3)
        .map((d) => `${formatDate(d.createdAt)} ${formatFen(d.amountFen)}`)
        .join('；')}
      {grant.duplicates.length > 3 ? ' 等' : ''}
    </div>
  );
}

function PaperworkTag({ grant: g }: { grant: Grant }) {
  if (!g.paperworkStatus) return null;
  if (g.paperworkStatus === 'open') {
    const overdue = !!g.paperworkDueOn && g.paperworkDueOn < today();
    return (
      <Tag color={overdue ? 'red' : 'gold'}>
        {overdue ? '手续逾期' : '待补手续'}
        {g.paperworkDueOn ? ` · ${g.paperworkDueOn} 前` : ''}
      </Tag>
    );
  }
  return <Tag>{PAPERWORK_LABELS[g.paperworkStatus]}</Tag>;
}

function GrantActions({ grant: g }: { grant: Grant }) {
  const canApprove = useCan('assistance:approve');
  const canGrant = useCan('assistance:grant');
  const { message } = App.useApp();
  const invalidate = useInvalidateAssistance();
  const [settle, setSettle] = useState<'completed' | 'written_off' | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const approve = useMutation({
    mutationFn: () => assistanceApi.approve(g.id),
    onSuccess: () => void message.success('已审批，救助金已发放'),
    onError: (e) => {
      if (isApiError(e, 'FUND_INSUFFICIENT')) void message.error('乡镇备用金余额不足，无法发放，请先拨付备用金');
      else if (isApiError(e, 'SECOND_APPROVER_REQUIRED')) void message.warning('须由经办人以外的另一人审批');
      else void message.error(errorMessage(e));
    },
    onSettled: invalidate,
  });
  const paperwork = useMutation({
    mutationFn: (v: { status: 'completed' | 'written_off'; note: string }) => assistanceApi.paperwork(g.id, v),
    onSuccess: (_, v) => {
      void message.success(v.status === 'completed' ? '已记录手续补齐' : '已核销');
      setSettle(null);
    },
    onError: (e) => {
      if (isApiError(e, 'SECOND_APPROVER_REQUIRED')) void message.warning('核销须由经办人以外的另一人办理');
      else void message.error(errorMessage(e));
    },
    onSettled: invalidate,
  });
  const buttons = [];
  if (g.status === 'pending_approval' && canApprove) {
    buttons.push(
      <Popconfirm
        key="approve"
        title={`审批并发放 ${formatFen(g.amountFen)}？`}
        okText="审批发放"
        cancelText="取消"
        onConfirm={() => approve.mutate()}
      >
        <Button size="small" type="primary" loading={approve.isPending}>
          审批
        </Button>
      </Popconfirm>,
    );
  }
  if (g.paperworkStatus === 'open' && canGrant) {
    buttons.push(
      <Button key="complete" size="small" onClick={() => setSettle('completed')}>
        补齐手续
      </Button>,
    );
  }
  if (g.paperworkStatus === 'open' && canApprove) {
    buttons.push(
      <Button key="write-off" size="small" danger onClick={() => setSettle('written_off')}>
        核销
      </Button>,
    );
  }
  if (buttons.length === 0) return null;
  return (
    <>
      <Flex wrap gap={4}>
        {buttons}
      </Flex>
      <Modal
        open={!!settle}
        title={settle === 'written_off' ? '核销手续' : '补齐手续'}
        okText="保存"
        cancelText="取消"
        okButtonProps={settle === 'written_off' ? { danger: true } : {}}
        confirmLoading={paperwork.isPending}
        onCancel={() => setSettle(null)}
        onOk={() => void form.validateFields().then((v) => paperwork.mutate({ status: settle!, note: v.note.trim() }))}
        destroyOnHidden
      >
        <p className="fx-muted">
          {g.recipientName} · {formatFen(g.amountFen)} · {ASSISTANCE_REASON_LABELS[g.reason]}
        </p>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label={settle === 'written_off' ? '核销原因' : '补齐的材料'}
            rules={[
              { required: true, whitespace: true, message: '请填写说明' },
              { min: 2, message: '至少 2 个字' },
              { max: 500, message: '最多 500 字' },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder={settle === 'written_off' ? '如：对象已失联，经集体研究核销' : '如：申请书、身份证复印件、入户核实表'}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const columns: TableColumnsType<Grant> = [
  {
    title: '救助对象',
    key: 'recipient',
    render: (_, g) => (
      <Flex vertical gap={2} align="flex-start">
        <span className="fx-strong">{g.recipientName}</span>
        <span className="fx-muted fx-small">
          {g.recipientPhone} · {g.householdSize} 人户
        </span>
        <HouseholdMembers grant={g} />
        <DuplicateWarning grant={g} />
      </Flex>
    ),
  },
  {
    title: '金额 / 事由',
    key: 'amount',
    render: (_, g) => (
      <Flex vertical gap={2}>
        <span className="fx-strong">{formatFen(g.amountFen)}</span>
        <span className="fx-muted fx-small">
          {ASSISTANCE_REASON_LABELS[g.reason]} · {g.createdByName} · {formatMinute(g.createdAt)}
        </span>
      </Flex>
    ),
  },
  {
    title: '状态',
    key: 'status',
    render: (_, g) => (
      <Flex vertical gap={4} align="flex-start">
        <Flex wrap gap={4}>
          <Tag color={STATUS_COLORS[g.status]}>{STATUS_LABELS[g.status]}</Tag>
          <PaperworkTag grant={g} />
        </Flex>
        <GrantActions grant={g} />
      </Flex>
    ),
  },
];

function GrantCard({ grant: g }: { grant: Grant }) {
  return (
    <Flex vertical gap={4} data-grant-id={g.id}>
      <Flex justify="space-between" align="center" gap={8}>
        <span className="fx-card-title">{g.recipientName}</span>
        <span className="fx-strong">{formatFen(g.amountFen)}</span>
      </Flex>
      <Flex wrap gap={4}>
        <Tag color={STATUS_COLORS[g.status]}>{STATUS_LABELS[g.status]}</Tag>
        <PaperworkTag grant={g} />
      </Flex>
      <DuplicateWarning grant={g} />
      <span className="fx-muted fx-small">
        {ASSISTANCE_REASON_LABELS[g.reason]} · {g.householdSize} 人户 · {g.recipientPhone}
      </span>
      <HouseholdMembers grant={g} />
      <span className="fx-muted fx-small">
        {g.createdByName} 经办 · {formatMinute(g.createdAt)}
      </span>
      <GrantActions grant={g} />
    </Flex>
  );
}

/** 救助发放记录: filtered by paperwork; pending approvals and open debts come first. */
export function GrantsCard({ region }: { region?: string }) {
  const [filter, setFilter] = useState<Filter>('open');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useGrants({ region, ...(filter === 'all' ? {} : { paperwork: filter }), ...paging });
  const rows = openDebtsFirst(list.data?.items ?? []);
  const pending = rows.filter((g) => g.status === 'pending_approval').length;
  return (
    <Card
      size="small"
      title="救助发放记录"
      className="fx-block"
      extra={pending ? <span className="fx-danger fx-small">待审批 {pending} 笔</span> : null}
    >
      <div style={{ overflowX: 'auto' }} className="fx-block">
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'open', label: '待补手续' },
            { value: 'completed', label: '已补齐' },
            { value: 'written_off', label: '已核销' },
            { value: 'all', label: '全部' },
          ]}
        />
      </div>
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<Grant>
        rows={rows}
        rowKey={(g) => g.id}
        columns={columns}
        renderCard={(g) => <GrantCard grant={g} />}
        loading={list.isFetching && !list.data}
        emptyText={filter === 'all' ? '暂无救助记录' : `没有${PAPERWORK_LABELS[filter]}的救助`}
        paging={{
          ...paging,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    </Card>
  );
}
