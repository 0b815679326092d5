import { useState } from 'react';
import { ArrowLeftOutlined, BellOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Progress, Segmented, Skeleton, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { NoticeDetail, Recipient } from '../../../common/contracts/notices';
import { noticesApi } from '../../api/notices';
import { errorMessage } from '../../api/client';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { AttachmentLinks, Deadline, MineTag } from './NoticeBits';
import { useInvalidateNotices, useNotice } from './queries';

export function NoticeDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const notice = useNotice(id);
  if (notice.error) return <QueryError error={notice.error} onRetry={() => void notice.refetch()} />;
  if (!notice.data) return <Skeleton active />;
  return <NoticeView notice={notice.data} />;
}

function AckState({ r }: { r: Recipient }) {
  return r.acknowledgedAt ? (
    <Flex vertical gap={0} align="flex-start">
      <Tag color="green">已签收</Tag>
      <span className="fx-muted fx-small">
        {r.acknowledgedByName} · {formatMinute(r.acknowledgedAt)}
      </span>
    </Flex>
  ) : (
    <Tag color="red">未签收</Tag>
  );
}

const remindText = (r: Recipient) =>
  r.remindCount ? `已催办 ${r.remindCount} 次（最近 ${formatMinute(r.remindedAt)}）` : '未催办';

function NoticeView({ notice: n }: { notice: NoticeDetail }) {
  const { message } = App.useApp();
  const canSend = useCan('notices:send');
  const invalidate = useInvalidateNotices();
  const [busy, setBusy] = useState<string | null>(null);
  const [onlyPending, setOnlyPending] = useState(true);
  const sender = n.recipients.length > 0;
  const pending = n.recipients.filter((r) => !r.acknowledgedAt);
  const mineOpen = !!n.mine && !n.mine.acknowledgedAt;

  const run = async (key: string, action: () => Promise<string>) => {
    setBusy(key);
    try {
      message.success(await action());
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
      invalidate();
    }
  };

  const ack = () =>
    run('ack', async () => {
      await noticesApi.acknowledge(n.id);
      return '已签收';
    });
  const remind = (recipientIds?: string[]) =>
    run(recipientIds ? recipientIds[0]! : 'all', async () => {
      const r = await noticesApi.remind(n.id, recipientIds ? { recipientIds } : {});
      return `已催办 ${r.reminded} 个单位`;
    });

  const remindButton = (r: Recipient) =>
    canSend && !r.acknowledgedAt ? (
      <Button
        size="small"
        icon={<BellOutlined />}
        loading={busy === r.id}
        onClick={() => void remind([r.id])}
      >
        催办
      </Button>
    ) : null;

  const columns: TableColumnsType<Recipient> = [
    { title: '接收单位', key: 'name', render: (_, r) => r.name },
    { title: '类别', key: 'kind', render: (_, r) => (r.kind === 'region' ? '下级区划' : '机构') },
    { title: '签收', key: 'ack', render: (_, r) => <AckState r={r} /> },
    { title: '催办', key: 'remind', render: (_, r) => remindText(r) },
    { title: '操作', key: 'actions', render: (_, r) => remindButton(r) },
  ];

  const shown = onlyPending ? pending : n.recipients;
  const percent = n.recipientCount ? Math.round((n.acknowledgedCount / n.recipientCount) * 100) : 0;

  return (
    <div>
      <PageHeader
        top={
          <Link to={sender ? '/notices?box=outbox' : '/notices'} className="fx-back">
            <ArrowLeftOutlined /> {sender ? '发件箱' : '收件箱'}
          </Link>
        }
        title={<span className="fx-break">{n.title}</span>}
        subtitle={`${n.senderRegionName} · ${n.senderName} · ${formatMinute(n.createdAt)}`}
        extra={
          mineOpen ? (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy === 'ack'}
              onClick={() => void ack()}
            >
              签收
            </Button>
          ) : undefined
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex vertical gap={8}>
            <Flex wrap gap={8} align="center">
              <MineTag notice={n} />
              <Deadline notice={n} pending={mineOpen || (sender && pending.length > 0)} />
            </Flex>
            <div className="fx-notice-body">{n.body}</div>
            {n.attachments.length ? (
              <div>
                <Typography.Text type="secondary">附件：</Typography.Text>
                <AttachmentLinks items={n.attachments} />
              </div>
            ) : null}
          </Flex>
        </Card>
        {sender ? (
          <Card
            size="small"
            title={`签收情况：已签收 ${n.acknowledgedCount}/${n.recipientCount}`}
            extra={
              canSend && pending.length > 0 ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<BellOutlined />}
                  loading={busy === 'all'}
                  onClick={() => void remind()}
                >
                  催办全部未签收（{pending.length}）
                </Button>
              ) : undefined
            }
          >
            <Progress
              percent={percent}
              status={percent === 100 ? 'success' : 'active'}
              className="fx-block"
            />
            <Segmented
              className="fx-block"
              value={onlyPending ? 'pending' : 'all'}
              onChange={(v) => setOnlyPending(v === 'pending')}
              options={[
                { value: 'pending', label: `未签收 ${pending.length}` },
                { value: 'all', label: `全部 ${n.recipients.length}` },
              ]}
            />
            <DataView<Recipient>
              rows={shown}
              rowKey={(r) => r.id}
              columns={columns}
              renderCard={(r) => (
                <Flex justify="space-between" align="flex-start" gap={8} data-recipient={r.name}>
                  <Flex vertical gap={4} align="flex-start" style={{ minWidth: 0 }}>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <AckState r={r} />
                    <span className="fx-muted fx-small">{remindText(r)}</span>
                  </Flex>
                  {remindButton(r)}
                </Flex>
              )}
              emptyText={onlyPending ? '全部已签收' : '没有接收单位'}
            />
          </Card>
        ) : null}
      </Flex>
    </div>
  );
}
