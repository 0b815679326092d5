import './hotline.css';
import { BarChartOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Segmented, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { HotlineCall } from '../../../common/contracts/hotline';
import { CALL_STATUSES, CALL_STATUS_LABELS, type CallStatus } from '../../../common/enums';
import { errorMessage, isApiError } from '../../api/client';
import { hotlineApi } from '../../api/hotline';
import { useCan, useUser } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { CallStatusTag, CategoryTag, SlaLight, UrgencyTag, escalatedFirst } from './HotlineBits';
import { useCallList, useInvalidateHotline } from './queries';
import { SlaMetTag } from './CaseBits';
import { TakeCallCard } from './TakeCallCard';
import { VerifyButton } from './VerifyButton';

type StatusFilter = CallStatus | 'all';

/** 认领: one officer holds a case at a time; someone else's claim answers 409. */
function ClaimButton({ call }: { call: HotlineCall }) {
  const user = useUser();
  const canHandle = useCan('hotline:handle');
  const { message } = App.useApp();
  const invalidate = useInvalidateHotline();
  const claim = useMutation({
    mutationFn: () => hotlineApi.claim(call.id),
    onSuccess: () => void message.success('已认领，请尽快入户核实'),
    onError: (e) => {
      if (isApiError(e) && e.status === 409) void message.warning('已由他人认领');
      else void message.error(errorMessage(e));
    },
    onSettled: invalidate,
  });
  if (call.status === 'claimed' && call.claimedById === user.id) {
    return (
      <Flex vertical gap={4} align="flex-start">
        <span className="fx-small fx-strong">我在办理</span>
        <VerifyButton call={call} />
      </Flex>
    );
  }
  if (!canHandle || call.status !== 'open') return null;
  return (
    <Button size="small" type="primary" loading={claim.isPending} onClick={() => claim.mutate()}>
      认领
    </Button>
  );
}

function handlerText(c: HotlineCall): string {
  return c.claimedByName ? `${c.claimedByName} 办理` : `${c.takenByName} 接听`;
}

// Three columns: the queue sits beside the 接听登记 form and must fit ~560 px without scrolling sideways.
const columns: TableColumnsType<HotlineCall> = [
  {
    title: '来电 / 时限',
    key: 'caller',
    render: (_, c) => (
      <Flex vertical gap={4} align="flex-start">
        <SlaLight call={c} />
        {c.escalated ? <span className="fx-danger fx-small">已上报区县</span> : null}
        <span className="fx-nowrap">
          <Link className="fx-strong" to={`/hotline/calls/${c.id}`}>
            {c.callerName}
          </Link>{' '}
          <span className="fx-muted fx-small">{c.callerPhone}</span>
        </span>
        <Flex wrap gap={4}>
          <CategoryTag category={c.category} />
          <UrgencyTag urgency={c.urgency} />
        </Flex>
      </Flex>
    ),
  },
  {
    title: '诉求',
    key: 'content',
    render: (_, c) => (
      <Flex vertical gap={0}>
        <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0, maxWidth: 220 }}>
          {c.content}
        </Typography.Paragraph>
        <span className="fx-muted fx-small">
          {c.regionName} · {formatMinute(c.createdAt)}
        </span>
      </Flex>
    ),
  },
  {
    title: '状态',
    key: 'status',
    render: (_, c) => (
      <Flex vertical gap={4} align="flex-start">
        <CallStatusTag status={c.status} />
        <SlaMetTag slaMet={c.slaMet} />
        <span className="fx-muted fx-small">{handlerText(c)}</span>
        <ClaimButton call={c} />
      </Flex>
    ),
  },
];

function CallCard({ call: c }: { call: HotlineCall }) {
  return (
    <Flex vertical gap={4} data-call-id={c.id}>
      <Flex justify="space-between" align="center" gap={8}>
        <SlaLight call={c} />
        <ClaimButton call={c} />
      </Flex>
      <Flex wrap gap={4}>
        <CategoryTag category={c.category} />
        <UrgencyTag urgency={c.urgency} />
        <CallStatusTag status={c.status} />
        <SlaMetTag slaMet={c.slaMet} />
        {c.escalated ? <span className="fx-danger fx-small">已上报区县</span> : null}
      </Flex>
      <span className="fx-card-title">
        <Link to={`/hotline/calls/${c.id}`}>{c.callerName}</Link> <span className="fx-muted fx-small">{c.callerPhone}</span>
      </span>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} className="fx-break">
        {c.content}
      </Typography.Paragraph>
      <span className="fx-muted fx-small">
        {c.regionName} · {formatMinute(c.createdAt)} · {handlerText(c)}
      </span>
    </Flex>
  );
}

function CallQueue() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: StatusFilter = CALL_STATUSES.includes(raw as CallStatus) ? (raw as CallStatus) : 'all';
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const list = useCallList({ ...(status === 'all' ? {} : { status }), page, pageSize });
  const rows = escalatedFirst(list.data?.items ?? []);
  const escalated = rows.filter((c) => c.escalated).length;
  const update = (next: { status: StatusFilter; page?: number; pageSize?: number }) =>
    setParams(
      toSearchParams({
        status: next.status === 'all' ? undefined : next.status,
        page: next.page,
        pageSize: next.pageSize,
      }),
    );

  return (
    <Card
      size="small"
      title="来电队列"
      extra={escalated ? <span className="fx-danger fx-small">超时 {escalated} 件</span> : null}
    >
      <div style={{ overflowX: 'auto' }} className="fx-block">
        <Segmented
          value={status}
          onChange={(v) => update({ status: v as StatusFilter, pageSize })}
          options={[
            { value: 'all', label: '全部' },
            ...CALL_STATUSES.map((s) => ({ value: s, label: CALL_STATUS_LABELS[s] })),
          ]}
        />
      </div>
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<HotlineCall>
        rows={rows}
        rowKey={(c) => c.id}
        columns={columns}
        renderCard={(c) => <CallCard call={c} />}
        loading={list.isFetching && !list.data}
        emptyText={status === 'all' ? '暂无来电' : `没有${CALL_STATUS_LABELS[status]}的来电`}
        paging={{
          page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, size) => update({ status, page: size === pageSize ? p : 1, pageSize: size }),
        }}
      />
    </Card>
  );
}

/** 热线工作台: take a call (with the caller's history) beside the queue of calls and their SLA lights. */
export function CallsPage() {
  const canTake = useCan('hotline:take');
  const navigate = useNavigate();
  return (
    <div>
      <PageHeader
        title="热线工作台"
        subtitle="按困难所在地派至乡镇（街道）；当日入户核实，超时上报区县"
        extra={
          <Button icon={<BarChartOutlined />} onClick={() => void navigate('/hotline/stats')}>
            来电统计
          </Button>
        }
      />
      {canTake ? (
        <div className="fx-hotline-cockpit">
          <TakeCallCard />
          <CallQueue />
        </div>
      ) : (
        <CallQueue />
      )}
    </div>
  );
}
