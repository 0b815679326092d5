import { useState } from 'react';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Progress, Segmented, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Notice } from '../../../common/contracts/notices';
import { noticesApi } from '../../api/notices';
import { errorMessage } from '../../api/client';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { AttachmentLinks, Deadline, MineTag } from './NoticeBits';
import { useInvalidateNotices, useNoticeList } from './queries';

type Box = 'inbox' | 'outbox';

const pendingOf = (n: Notice) => !!n.mine && !n.mine.acknowledgedAt;

/** Pending first (oldest deadline first), then the rest as the server ordered them (newest first). */
function pendingFirst(items: Notice[]): Notice[] {
  const pending = items.filter(pendingOf).sort((a, b) => {
    if (a.ackDeadline && b.ackDeadline) return a.ackDeadline.localeCompare(b.ackDeadline);
    return a.ackDeadline ? -1 : b.ackDeadline ? 1 : 0;
  });
  return [...pending, ...items.filter((n) => !pendingOf(n))];
}

function AckButton({ notice, block }: { notice: Notice; block?: boolean }) {
  const { message } = App.useApp();
  const invalidate = useInvalidateNotices();
  const [busy, setBusy] = useState(false);
  if (!pendingOf(notice)) return null;
  const ack = async () => {
    setBusy(true);
    try {
      await noticesApi.acknowledge(notice.id);
      message.success('已签收');
      invalidate();
    } catch (e) {
      message.error(errorMessage(e));
      invalidate();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      type="primary"
      size="small"
      icon={<CheckOutlined />}
      loading={busy}
      block={block}
      onClick={() => void ack()}
    >
      签收
    </Button>
  );
}

const inboxColumns: TableColumnsType<Notice> = [
  {
    title: '标题',
    key: 'title',
    render: (_, n) => (
      <Flex vertical gap={2}>
        <Link to={`/notices/${n.id}`} className={pendingOf(n) ? 'fx-strong' : undefined}>
          {n.title}
        </Link>
        <AttachmentLinks items={n.attachments} />
      </Flex>
    ),
  },
  { title: '发文单位', key: 'sender', render: (_, n) => `${n.senderRegionName}（${n.senderName}）` },
  { title: '发送时间', key: 'time', render: (_, n) => formatMinute(n.createdAt) },
  {
    title: '签收期限',
    key: 'deadline',
    render: (_, n) => (n.ackDeadline ? <Deadline notice={n} pending={pendingOf(n)} /> : '不限'),
  },
  { title: '状态', key: 'state', render: (_, n) => <MineTag notice={n} /> },
  { title: '操作', key: 'ack', render: (_, n) => <AckButton notice={n} /> },
];

function InboxCard({ notice: n }: { notice: Notice }) {
  return (
    <Flex vertical gap={4} data-notice-id={n.id}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Link to={`/notices/${n.id}`} className="fx-card-title">
          {n.title}
        </Link>
        <MineTag notice={n} />
      </Flex>
      <Typography.Text type="secondary" className="fx-small">
        {n.senderRegionName} · {n.senderName} · {formatMinute(n.createdAt)}
      </Typography.Text>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
        {n.body}
      </Typography.Paragraph>
      <AttachmentLinks items={n.attachments} />
      <Deadline notice={n} pending={pendingOf(n)} />
      <AckButton notice={n} block />
    </Flex>
  );
}

function AckProgress({ notice: n }: { notice: Notice }) {
  const percent = n.recipientCount ? Math.round((n.acknowledgedCount / n.recipientCount) * 100) : 0;
  return (
    <Flex vertical gap={0} style={{ minWidth: 140 }}>
      <span>
        已签收 <b>{n.acknowledgedCount}</b>/{n.recipientCount}
      </span>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status={percent === 100 ? 'success' : 'active'}
      />
    </Flex>
  );
}

const outboxColumns: TableColumnsType<Notice> = [
  { title: '标题', key: 'title', render: (_, n) => <Link to={`/notices/${n.id}`}>{n.title}</Link> },
  { title: '发送时间', key: 'time', render: (_, n) => formatMinute(n.createdAt) },
  {
    title: '签收期限',
    key: 'deadline',
    render: (_, n) =>
      n.ackDeadline ? <Deadline notice={n} pending={n.acknowledgedCount < n.recipientCount} /> : '不限',
  },
  { title: '签收情况', key: 'acks', render: (_, n) => <AckProgress notice={n} /> },
  { title: '发送人', key: 'sender', render: (_, n) => n.senderName },
];

function OutboxCard({ notice: n }: { notice: Notice }) {
  return (
    <Flex vertical gap={4} data-notice-id={n.id}>
      <Link to={`/notices/${n.id}`} className="fx-card-title">
        {n.title}
      </Link>
      <Typography.Text type="secondary" className="fx-small">
        {n.senderName} · {formatMinute(n.createdAt)}
      </Typography.Text>
      <AckProgress notice={n} />
      <Deadline notice={n} pending={n.acknowledgedCount < n.recipientCount} />
    </Flex>
  );
}

export function NoticesPage() {
  const canSend = useCan('notices:send');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const box: Box = canSend && params.get('box') === 'outbox' ? 'outbox' : 'inbox';
  const pending = params.get('pending') === 'true';
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const list = useNoticeList({ box, pending: pending ? 'true' : undefined, page, pageSize });
  const update = (next: { box?: Box; pending?: string; page?: number; pageSize?: number }) =>
    setParams(
      toSearchParams({
        box: next.box === 'outbox' ? 'outbox' : undefined,
        pending: next.pending,
        page: next.page,
        pageSize: next.pageSize,
      }),
    );
  const waiting = useNoticeList({ box: 'inbox', pending: 'true', page: 1, pageSize: 1 }).data?.total ?? 0;

  const items = list.data?.items ?? [];
  const rows = box === 'inbox' ? pendingFirst(items) : items;

  const view = (
    <>
      <Segmented
        className="fx-block"
        value={pending ? 'pending' : 'all'}
        onChange={(v) => update({ box, pending: v === 'pending' ? 'true' : undefined, pageSize })}
        options={[
          { value: 'all', label: '全部' },
          { value: 'pending', label: box === 'inbox' ? '待签收' : '有未签收' },
        ]}
      />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<Notice>
        rows={rows}
        rowKey={(n) => n.id}
        columns={box === 'inbox' ? inboxColumns : outboxColumns}
        renderCard={(n) => (box === 'inbox' ? <InboxCard notice={n} /> : <OutboxCard notice={n} />)}
        loading={list.isFetching}
        emptyText={box === 'inbox' ? (pending ? '没有待签收的通知' : '收件箱是空的') : '还没有发出通知'}
        paging={{
          page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, size) =>
            update({
              box,
              pending: pending ? 'true' : undefined,
              page: size === pageSize ? p : 1,
              pageSize: size,
            }),
        }}
      />
    </>
  );

  return (
    <div>
      <PageHeader
        title="通知"
        subtitle="收到的通知请及时签收；发出的通知可查看签收并催办"
        extra={
          canSend ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate('/notices/new')}>
              发通知
            </Button>
          ) : undefined
        }
      />
      {canSend ? (
        <Tabs
          activeKey={box}
          onChange={(k) => update({ box: k as Box })}
          items={[
            {
              key: 'inbox',
              label: waiting ? `收件箱（${waiting} 待签收）` : '收件箱',
              children: box === 'inbox' ? view : null,
            },
            { key: 'outbox', label: '发件箱', children: box === 'outbox' ? view : null },
          ]}
        />
      ) : (
        view
      )}
    </div>
  );
}
