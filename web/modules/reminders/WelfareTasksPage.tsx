import { PhoneOutlined } from '@ant-design/icons';
import { Flex, Segmented, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { WelfareTask } from '../../../common/contracts/reminders';
import { WELFARE_TASK_STATUS_LABELS } from '../../../common/enums';
import { formatDate, formatMinute } from '../../lib/format';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useWelfareTasks } from './queries';

type StatusFilter = 'open' | 'done' | 'all';

export function WelfareStatusTag({ task }: { task: WelfareTask }) {
  return (
    <Tag color={task.status === 'open' ? 'orange' : 'green'}>{WELFARE_TASK_STATUS_LABELS[task.status]}</Tag>
  );
}

export function PhoneLink({ phone }: { phone: string | null }) {
  if (!phone) return <span className="fx-muted">—</span>;
  return (
    <a href={`tel:${phone}`} className="fx-nowrap">
      <PhoneOutlined /> {phone}
    </a>
  );
}

const columns: TableColumnsType<WelfareTask> = [
  { title: '状态', key: 'status', render: (_, t) => <WelfareStatusTag task={t} /> },
  {
    title: '机构',
    key: 'inst',
    render: (_, t) => (
      <Flex vertical gap={0}>
        <Link to={`/reminders/welfare-tasks/${t.id}`} className="fx-strong">
          {t.institutionName}
        </Link>
        <span className="fx-muted fx-small">{t.regionName}</span>
      </Flex>
    ),
  },
  { title: '原因', key: 'reason', render: (_, t) => t.reason },
  { title: '第二个未报日', key: 'date', render: (_, t) => formatDate(t.date) },
  {
    title: '负责人',
    key: 'person',
    render: (_, t) => (
      <Flex vertical gap={0}>
        <span>{t.responsiblePerson}</span>
        <PhoneLink phone={t.responsiblePhone} />
      </Flex>
    ),
  },
  {
    title: '办结',
    key: 'done',
    render: (_, t) => (t.doneAt ? `${t.doneByName ?? ''} · ${formatMinute(t.doneAt)}` : '—'),
  },
];

function TaskCard({ task: t }: { task: WelfareTask }) {
  return (
    <Flex vertical gap={4} data-task-id={t.id}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Link to={`/reminders/welfare-tasks/${t.id}`} className="fx-card-title">
          {t.institutionName}
        </Link>
        <WelfareStatusTag task={t} />
      </Flex>
      <Typography.Text type="secondary" className="fx-small">
        {t.regionName} · {formatDate(t.date)}
      </Typography.Text>
      <span className="fx-break">{t.reason}</span>
      <Flex wrap gap={8} align="center">
        <span>{t.responsiblePerson}</span>
        <PhoneLink phone={t.responsiblePhone} />
      </Flex>
      {t.doneAt ? (
        <span className="fx-muted fx-small">
          {t.doneByName} 于 {formatMinute(t.doneAt)} 办结
        </span>
      ) : null}
    </Flex>
  );
}

/** Institutions silent two days running: someone from the town goes to look (探访核查). */
export function WelfareTasksPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: StatusFilter = raw === 'done' || raw === 'all' ? raw : 'open';
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const list = useWelfareTasks({ ...(status === 'all' ? {} : { status }), page, pageSize });
  const openCount = useWelfareTasks({ status: 'open', page: 1, pageSize: 1 }).data?.total;
  const update = (next: { status: StatusFilter; page?: number; pageSize?: number }) =>
    setParams(
      toSearchParams({
        status: next.status === 'open' ? undefined : next.status,
        page: next.page,
        pageSize: next.pageSize,
      }),
    );
  // Open first, whatever the server order within the page.
  const rows = [...(list.data?.items ?? [])].sort(
    (a, b) => (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1),
  );
  return (
    <div>
      <PageHeader title="探访核查" subtitle="连续两日未报送的机构，须由乡镇（街道）上门或电话核查并记录" />
      <Segmented
        className="fx-block"
        value={status}
        onChange={(v) => update({ status: v as StatusFilter, pageSize })}
        options={[
          { value: 'open', label: openCount ? `待核查 ${openCount}` : '待核查' },
          { value: 'done', label: '已核查' },
          { value: 'all', label: '全部' },
        ]}
      />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<WelfareTask>
        rows={rows}
        rowKey={(t) => t.id}
        columns={columns}
        renderCard={(t) => <TaskCard task={t} />}
        loading={list.isFetching && !list.data}
        emptyText={status === 'open' ? '没有待核查的机构' : '暂无核查任务'}
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
