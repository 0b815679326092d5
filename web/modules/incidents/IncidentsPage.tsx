import { AlertOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Incident } from '../../../common/contracts/incidents';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { AckControl, IncidentStatusTag, KindTag, ackLevelsText } from './IncidentBits';
import { useIncidentList } from './queries';

type StatusFilter = 'open' | 'closed' | 'all';

const columns: TableColumnsType<Incident> = [
  {
    title: '类别',
    key: 'kind',
    render: (_, i) => (
      <Flex vertical gap={4} align="flex-start">
        <KindTag kind={i.kind} />
        <IncidentStatusTag incident={i} />
      </Flex>
    ),
  },
  {
    title: '机构',
    key: 'inst',
    render: (_, i) => (
      <Flex vertical gap={0}>
        <Link to={`/incidents/${i.id}`} className="fx-strong">
          {i.institutionName}
        </Link>
        <span className="fx-muted fx-small">{i.regionName}</span>
      </Flex>
    ),
  },
  {
    title: '情况',
    key: 'desc',
    render: (_, i) => (
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 320 }}>
        {i.description}
      </Typography.Paragraph>
    ),
  },
  { title: '涉及人数', key: 'persons', render: (_, i) => i.personsAffected },
  {
    title: '发生时间',
    key: 'time',
    render: (_, i) => (
      <Flex vertical gap={0}>
        <span className="fx-nowrap">{formatMinute(i.occurredAt)}</span>
        <span className="fx-muted fx-small">{i.reportedByName} 报告</span>
      </Flex>
    ),
  },
  {
    title: '签收',
    key: 'acks',
    render: (_, i) => (
      <Flex vertical gap={4} align="flex-start">
        <span className="fx-small">{ackLevelsText(i)}</span>
        <AckControl incident={i} />
      </Flex>
    ),
  },
];

function IncidentCard({ incident: i }: { incident: Incident }) {
  return (
    <Flex vertical gap={4} data-incident-id={i.id}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex wrap gap={4}>
          <KindTag kind={i.kind} />
          <IncidentStatusTag incident={i} />
        </Flex>
        <AckControl incident={i} />
      </Flex>
      <Link to={`/incidents/${i.id}`} className="fx-card-title">
        {i.institutionName}
      </Link>
      <Typography.Text type="secondary" className="fx-small">
        {i.regionName} · {formatMinute(i.occurredAt)}
        {i.personsAffected ? ` · 涉及 ${i.personsAffected} 人` : ''}
      </Typography.Text>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} className="fx-break">
        {i.description}
      </Typography.Paragraph>
      <span className="fx-muted fx-small">
        {i.reportedByName} 报告 · {ackLevelsText(i)}
      </span>
    </Flex>
  );
}

export function IncidentsPage() {
  const canReport = useCan('incidents:report');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: StatusFilter = raw === 'closed' || raw === 'all' ? raw : 'open';
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const list = useIncidentList({ ...(status === 'all' ? {} : { status }), page, pageSize });
  const update = (next: { status: StatusFilter; page?: number; pageSize?: number }) =>
    setParams(
      toSearchParams({
        status: next.status === 'open' ? undefined : next.status,
        page: next.page,
        pageSize: next.pageSize,
      }),
    );
  const open = list.data?.open;

  return (
    <div>
      <PageHeader
        title="紧急情况"
        subtitle={
          open === undefined ? '遇有紧急情况第一时间报告，各级即时可见' : (
            <span>
              <AlertOutlined /> 未关闭 {open} 起 · 关闭前始终留在看板上
            </span>
          )
        }
        extra={
          canReport ? (
            <Button
              type="primary"
              danger
              icon={<PlusOutlined />}
              onClick={() => void navigate('/incidents/new')}
            >
              紧急情况报告
            </Button>
          ) : undefined
        }
      />
      <Segmented
        className="fx-block"
        value={status}
        onChange={(v) => update({ status: v as StatusFilter, pageSize })}
        options={[
          { value: 'open', label: open ? `处置中 ${open}` : '处置中' },
          { value: 'closed', label: '已关闭' },
          { value: 'all', label: '全部' },
        ]}
      />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<Incident>
        rows={list.data?.items ?? []}
        rowKey={(i) => i.id}
        columns={columns}
        renderCard={(i) => <IncidentCard incident={i} />}
        loading={list.isFetching && !list.data}
        emptyText={status === 'open' ? '没有未关闭的紧急情况' : '没有紧急情况'}
        paging={{
          page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, size) => update({ status, page: size === pageSize ? p : 1, pageSize: size }),
        }}
      />
    </div>
  );
}
